"""Fails if a built wheel holds anything beyond the Python packages and the extension.

Usage: python script/check_wheel.py dist/omniroute-*.whl
"""

from __future__ import annotations

import re
import sys
import zipfile

ALLOWED = re.compile(
    r"^(router/.*\.py|router/v1/.*\.pyi|router/demo/.*\.(yaml|jsonl)|clients/.*\.(py|js|css|html|md)"
    r"|matcher_rs/(__init__\.py|_native\.pyi|py\.typed|_native\.abi3\.so)"
    r"|omniroute-[^/]+\.dist-info/.*)$"
)


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    bad = [
        f"{path}: {name}"
        for path in paths
        for name in zipfile.ZipFile(path).namelist()
        if not ALLOWED.match(name)
    ]
    for line in bad:
        print(f"unexpected file in wheel: {line}", file=sys.stderr)
    if not bad:
        print(f"{len(paths)} wheel(s) hold only the packages and the extension")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
