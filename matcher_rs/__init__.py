"""Intent and topic matching in Rust (see matcher_rs/src); this package is its Python face."""

from matcher_rs._native import (
    FORMAT_VERSION,
    Candidate,
    Classification,
    Entity,
    Matcher,
    MatcherError,
    ModelFileError,
    TrainingDataError,
    UnsupportedVersionError,
    __version__,
    normalize,
)

__all__ = [
    "FORMAT_VERSION",
    "Candidate",
    "Classification",
    "Entity",
    "Matcher",
    "MatcherError",
    "ModelFileError",
    "TrainingDataError",
    "UnsupportedVersionError",
    "__version__",
    "normalize",
]
