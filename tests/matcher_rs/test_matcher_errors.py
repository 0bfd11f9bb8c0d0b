"""Bad input gets a typed error (a ValueError subclass), never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

import matcher_rs

TWO = [("a card", "card"), ("a top up", "top_up")]


def test_errors_subclass_value_error() -> None:
    for error in (
        matcher_rs.MatcherError,
        matcher_rs.TrainingDataError,
        matcher_rs.ModelFileError,
        matcher_rs.UnsupportedVersionError,
    ):
        assert issubclass(error, ValueError)
    assert issubclass(matcher_rs.UnsupportedVersionError, matcher_rs.ModelFileError)


def test_empty_training_set_is_refused() -> None:
    with pytest.raises(matcher_rs.TrainingDataError, match="empty"):
        matcher_rs.Matcher.train([])


def test_a_single_label_is_refused() -> None:
    with pytest.raises(matcher_rs.TrainingDataError, match="only one label"):
        matcher_rs.Matcher.train([("a", "x"), ("b", "x")])


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(matcher_rs.MatcherError):
        matcher_rs.Matcher.train([("a", ""), ("b", "y")])
    with pytest.raises(matcher_rs.MatcherError):
        matcher_rs.Matcher.train(TWO, c=0.0)
    with pytest.raises(matcher_rs.MatcherError):
        matcher_rs.Matcher.train(TWO, char_min=4, char_max=2)
    with pytest.raises(matcher_rs.MatcherError, match="loss"):
        matcher_rs.Matcher.train(TWO, loss="log")  # type: ignore[arg-type]
    matcher = matcher_rs.Matcher.train(TWO)
    with pytest.raises(matcher_rs.MatcherError, match="unknown label"):
        matcher.explain("a card", label="nope")
    with pytest.raises(matcher_rs.MatcherError):
        matcher.threshold = 1.5
    with pytest.raises(matcher_rs.MatcherError, match="unknown label"):
        matcher.calibrate([("a card", "nope")])
    with pytest.raises(TypeError):
        matcher_rs.Matcher.train("not pairs")  # type: ignore[arg-type]


def test_unknown_file_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    matcher_rs.Matcher.train(TWO).save(path)
    data = bytearray(path.read_bytes())
    data[8:12] = (matcher_rs.FORMAT_VERSION + 1).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(matcher_rs.UnsupportedVersionError, match="version"):
        matcher_rs.Matcher.load(path)


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty"])
def test_corrupt_file_is_refused(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "model.bin"
    matcher_rs.Matcher.train(TWO).save(path)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-3] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"not a model at all, just text")
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    with pytest.raises(matcher_rs.ModelFileError):
        matcher_rs.Matcher.load(path)


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        matcher_rs.Matcher.load(tmp_path / "absent.bin")
