"""Where confidence stops meaning "in scope": fitted on examples the model did not see.

A probe model trains on four fifths of every intent's examples; the fifth left out, plus
the off-topic messages, are classified by it, and the threshold is the confidence that
classifies the most of them right (in scope: the right intent at or above it; off topic:
below it) — the rule of Larson et al. 2019 applied to the knowledge base's own data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matcher_rs
from router.matching.off_topic import OFF_TOPIC

HOLD_OUT_EVERY = 5


def split(
    examples: Sequence[tuple[str, str]],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(train, held out): every fifth example of each intent held out, in a fixed order."""
    seen: dict[str, int] = {}
    train: list[tuple[str, str]] = []
    held: list[tuple[str, str]] = []
    for text, label in examples:
        seen[label] = seen.get(label, 0) + 1
        (held if seen[label] % HOLD_OUT_EVERY == 0 else train).append((text, label))
    return train, held


def best_threshold(in_scope: Sequence[tuple[float, bool]], off_topic: Sequence[float]) -> float:
    """The threshold with the best accuracy; ties go to the lower one (answer more)."""
    candidates = sorted({0.0, *(c for c, _ in in_scope), *off_topic})
    best, best_correct = 0.0, -1
    for threshold in candidates:
        correct = sum(ok and c >= threshold for c, ok in in_scope)
        correct += sum(c < threshold for c in off_topic)
        if correct > best_correct:
            best, best_correct = threshold, correct
    return best


def fit_threshold(
    examples: Sequence[tuple[str, str]],
    catalogs: Mapping[str, Mapping[str, Sequence[str]]],
    off_topic: Sequence[str] = OFF_TOPIC,
) -> float:
    """0.0 (never out of scope) when there is too little data to hold any out."""
    train, held = split(examples)
    if not held or len({label for _, label in train}) < 2:
        return 0.0
    probe = matcher_rs.Matcher.train(train, catalogs)
    in_scope = [
        (result.confidence, result.top_label == label)
        for result, (_, label) in zip(
            probe.classify_batch([text for text, _ in held]), held, strict=True
        )
    ]
    outside = [result.confidence for result in probe.classify_batch(list(off_topic))]
    return best_threshold(in_scope, outside)
