"""An accuracy floor on a BANKING77 subset, beside the scikit-learn baseline trained and
scored on the same subset (the full-data figures are in benchmarks/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from router.knowledge.evaluation import evaluate_baseline, evaluate_matcher, load_examples

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "intents"
N_LABELS = 25

pytestmark = pytest.mark.skipif(
    not (DATA / "banking77" / "train.csv").exists(), reason="shared intent data not present"
)


def subset(path: Path, labels: set[str] | None = None) -> list[tuple[str, str]]:
    rows = load_examples(path)
    if labels is None:
        labels = set(sorted({label for _, label in rows})[:N_LABELS])
    return [(t, label) for t, label in rows if label in labels]


def test_matcher_is_at_least_as_accurate_as_the_baseline_on_a_subset() -> None:
    train = subset(DATA / "banking77" / "train.csv")
    test = subset(DATA / "banking77" / "test.csv", {label for _, label in train})
    mine = evaluate_matcher(train, test)
    base = evaluate_baseline(train, test)
    assert mine.n_test == base.n_test == len(test)
    assert mine.accuracy >= 0.9
    assert mine.accuracy >= base.accuracy - 0.005, (mine.accuracy, base.accuracy)
