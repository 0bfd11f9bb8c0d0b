"""`omniroute kb eval`: the matcher beside a scikit-learn baseline on the same split.

Protocol (Larson et al. 2019, CLINC150, Table 2): rows labelled ``oos`` are out of scope;
``accuracy`` is top-1 on in-scope test rows without any threshold; with a validation file
the out-of-scope threshold is the one with the best validation accuracy when ``oos``
counts as one more intent, and ``inscope_accuracy``/``oos_recall`` use that threshold.
Nothing is ever chosen on the test split.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

import matcher_rs

OOS_LABEL = "oos"
# One-message latency is the median over this many test messages (after a warm-up).
SINGLE_SAMPLE = 500

Example = tuple[str, str]


class EvaluationError(ValueError):
    """The input files cannot be evaluated (missing header, no rows, no in-scope rows)."""


@dataclass(frozen=True)
class Scores:
    """Metrics of one system on one test split (see the module docstring)."""

    accuracy: float
    inscope_accuracy: float
    oos_recall: float | None
    macro_f1: float
    fit_s: float
    single_p50_us: float
    bulk_per_s: float
    n_test: int
    threshold: float


class Predictor(Protocol):
    """What the evaluation needs from a trained system."""

    def predict_bulk(self, texts: Sequence[str]) -> tuple[list[str], list[bool]]:
        """Best label of each text and whether it is out of scope."""
        ...

    def predict_one(self, text: str) -> str: ...


def load_examples(path: Path) -> list[Example]:
    """Reads a CSV file with a ``text,label`` header."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or not {"text", "label"} <= set(reader.fieldnames):
            raise EvaluationError(f"{path}: the header must name the columns text and label")
        rows = [(row["text"] or "", row["label"] or "") for row in reader]
    if not rows:
        raise EvaluationError(f"{path}: no rows")
    return rows


def choose_threshold(
    confidence: Sequence[float], correct: Sequence[bool], oos: Sequence[bool]
) -> float:
    """The threshold with the best accuracy counting out-of-scope as one more intent."""
    order = sorted(range(len(confidence)), key=lambda i: confidence[i])
    right = sum(1 for i in order if not oos[i] and correct[i])
    best, best_k = right, 0
    for k, i in enumerate(order):
        right += 1 if oos[i] else -1 if correct[i] else 0
        nxt = k + 1
        if nxt < len(order) and confidence[order[nxt]] == confidence[i]:
            continue
        if right > best:
            best, best_k = right, nxt
    if best_k == 0:
        return float("-inf")
    above = confidence[order[best_k]] if best_k < len(order) else confidence[order[-1]] + 1.0
    return (confidence[order[best_k - 1]] + above) / 2.0


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    labels = set(truth)
    total = 0.0
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p != label)
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(labels)


def score(system: Predictor, test: Sequence[Example], threshold: float, fit_s: float) -> Scores:
    texts = [t for t, _ in test]
    truth = [label for _, label in test]
    started = time.perf_counter()
    top, flagged = system.predict_bulk(texts)
    bulk_s = time.perf_counter() - started
    for text in texts[:50]:
        system.predict_one(text)
    timings = []
    for text in texts[:SINGLE_SAMPLE]:
        started = time.perf_counter_ns()
        system.predict_one(text)
        timings.append(time.perf_counter_ns() - started)
    inscope = [i for i, label in enumerate(truth) if label != OOS_LABEL]
    oos = [i for i, label in enumerate(truth) if label == OOS_LABEL]
    if not inscope:
        raise EvaluationError("the test file has no in-scope rows")
    final = [OOS_LABEL if flagged[i] else top[i] for i in range(len(texts))]
    return Scores(
        accuracy=sum(top[i] == truth[i] for i in inscope) / len(inscope),
        inscope_accuracy=sum(final[i] == truth[i] for i in inscope) / len(inscope),
        oos_recall=sum(final[i] == OOS_LABEL for i in oos) / len(oos) if oos else None,
        macro_f1=macro_f1(truth, final),
        fit_s=fit_s,
        single_p50_us=statistics.median(timings) / 1000.0,
        bulk_per_s=len(texts) / bulk_s,
        n_test=len(texts),
        threshold=threshold,
    )


class MatcherSystem:
    """matcher_rs through its Python API."""

    def __init__(self, matcher: matcher_rs.Matcher) -> None:
        self.matcher = matcher

    def predict_bulk(self, texts: Sequence[str]) -> tuple[list[str], list[bool]]:
        results = self.matcher.classify_batch(list(texts), top_k=1)
        return [r.top_label for r in results], [r.out_of_scope for r in results]

    def predict_one(self, text: str) -> str:
        return self.matcher.classify(text, top_k=1).top_label


class BaselineSystem:
    """scikit-learn TF-IDF (word 1-2 + char_wb 2-5, sublinear tf) + LinearSVC(C=0.5)."""

    def __init__(self, train: Sequence[Example]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        self.pipeline = make_pipeline(
            make_union(
                TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            ),
            LinearSVC(C=0.5),
        )
        self.pipeline.fit([t for t, _ in train], [label for _, label in train])
        self.threshold = float("-inf")

    def decisions(self, texts: Sequence[str]) -> tuple[list[str], list[float]]:
        """Best label and its decision value (the confidence the threshold cuts)."""
        decision = self.pipeline.decision_function(list(texts))
        classes = self.pipeline.classes_
        best = decision.argmax(axis=1)
        return [str(classes[i]) for i in best], [float(v) for v in decision.max(axis=1)]

    def predict_bulk(self, texts: Sequence[str]) -> tuple[list[str], list[bool]]:
        top, confidence = self.decisions(texts)
        return top, [c < self.threshold for c in confidence]

    def predict_one(self, text: str) -> str:
        return str(self.pipeline.predict([text])[0])


def in_scope(rows: Sequence[Example]) -> list[Example]:
    return [(t, label) for t, label in rows if label != OOS_LABEL]


def evaluate_matcher(
    train: Sequence[Example],
    test: Sequence[Example],
    val: Sequence[Example] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Scores:
    started = time.perf_counter()
    matcher = matcher_rs.Matcher.train(in_scope(train), progress=progress)
    fit_s = time.perf_counter() - started
    if val is not None:
        matcher.calibrate([(t, None if label == OOS_LABEL else label) for t, label in val])
    return score(MatcherSystem(matcher), test, matcher.threshold, fit_s)


def evaluate_baseline(
    train: Sequence[Example], test: Sequence[Example], val: Sequence[Example] | None = None
) -> Scores:
    started = time.perf_counter()
    system = BaselineSystem(in_scope(train))
    fit_s = time.perf_counter() - started
    if val is not None:
        top, confidence = system.decisions([t for t, _ in val])
        truth = [label for _, label in val]
        system.threshold = choose_threshold(
            confidence,
            [p == t for p, t in zip(top, truth, strict=True)],
            [t == OOS_LABEL for t in truth],
        )
    return score(system, test, system.threshold, fit_s)


class ProgressBar:
    """A one-line progress bar on a terminal; silent when output is not a terminal."""

    def __init__(self, title: str, stream: Any = None) -> None:
        self.title = title
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.title} [{bar}] {done}/{total}{end}")
        self.stream.flush()


def report(
    train_path: Path, test_path: Path, val_path: Path | None, with_baseline: bool = True
) -> dict[str, Any]:
    """Evaluates the matcher (and the baseline) and returns the JSON-ready report."""
    train = load_examples(train_path)
    test = load_examples(test_path)
    val = load_examples(val_path) if val_path is not None else None
    mine = evaluate_matcher(train, test, val, progress=ProgressBar("training matcher_rs"))
    result: dict[str, Any] = asdict(mine)
    if with_baseline:
        base = evaluate_baseline(train, test, val)
        result["baseline"] = asdict(base)
        result["ratios"] = {
            "single_speedup": base.single_p50_us / mine.single_p50_us,
            "bulk_speedup": mine.bulk_per_s / base.bulk_per_s,
            "fit_speedup": base.fit_s / mine.fit_s,
        }
    return result
