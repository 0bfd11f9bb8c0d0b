"""matcher_rs beside the scikit-learn baseline (TF-IDF word 1-2 + char_wb 2-5, sublinear
tf, LinearSVC C=0.5) on the same BANKING77 messages: one message, a batch, training, a
batch split over threads, and one message against 1,000 intents.

Each group has one candidate and one ``baseline`` test measured in the same run;
benchmarks/conftest.py prints the ratios. With ``--benchmark-disable`` every test runs
once as a smoke test, and the 1,000-intent group shrinks to 100 intents to stay quick.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

import matcher_rs
from benchmarks.matcher_data import DATA, banking77, synthetic
from router.knowledge.evaluation import BaselineSystem

pytestmark = pytest.mark.skipif(
    not (DATA / "banking77" / "train.csv").exists(), reason="shared intent data not present"
)
Example = tuple[str, str]
MODEL_LIMIT_BYTES = 64 << 20


@pytest.fixture(scope="module")
def data() -> tuple[list[Example], list[Example]]:
    return banking77()


@pytest.fixture(scope="module")
def texts(data: tuple[list[Example], list[Example]]) -> list[str]:
    return [t for t, _ in data[1]]


@pytest.fixture(scope="module")
def matcher(data: tuple[list[Example], list[Example]]) -> matcher_rs.Matcher:
    return matcher_rs.Matcher.train(data[0])


@pytest.fixture(scope="module")
def baseline(data: tuple[list[Example], list[Example]]) -> BaselineSystem:
    return BaselineSystem(data[0])


def agreement(a: Sequence[str], b: Sequence[str]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def cycling(texts: list[str]) -> Callable[[], str]:
    it = itertools.cycle(texts)
    return lambda: next(it)


@pytest.mark.benchmark(group="matcher: one message")
def test_matcher_single(
    benchmark: BenchmarkFixture, matcher: matcher_rs.Matcher, texts: list[str]
) -> None:
    text = cycling(texts)
    result = benchmark(lambda: matcher.classify(text(), top_k=1))
    assert result.top_label in matcher.labels


@pytest.mark.benchmark(group="matcher: one message")
def test_single_baseline(
    benchmark: BenchmarkFixture, baseline: BaselineSystem, texts: list[str]
) -> None:
    text = cycling(texts)
    benchmark(lambda: baseline.predict_one(text()))


@pytest.mark.benchmark(group="matcher: batch")
def test_matcher_batch(
    benchmark: BenchmarkFixture,
    matcher: matcher_rs.Matcher,
    baseline: BaselineSystem,
    texts: list[str],
) -> None:
    results = benchmark(matcher.classify_batch, texts, 1)
    # Same messages, two models of similar accuracy: they mostly agree.
    mine = [r.top_label for r in results]
    assert agreement(mine, baseline.predict_bulk(texts)[0]) > 0.85


@pytest.mark.benchmark(group="matcher: batch")
def test_batch_baseline(
    benchmark: BenchmarkFixture, baseline: BaselineSystem, texts: list[str]
) -> None:
    benchmark(baseline.pipeline.predict, texts)


@pytest.mark.benchmark(group="matcher: training")
def test_matcher_train(
    benchmark: BenchmarkFixture, data: tuple[list[Example], list[Example]]
) -> None:
    model = benchmark.pedantic(matcher_rs.Matcher.train, args=(data[0],), rounds=3)
    assert model.stats()["n_intents"] == 77


@pytest.mark.benchmark(group="matcher: training")
def test_train_baseline(
    benchmark: BenchmarkFixture, data: tuple[list[Example], list[Example]]
) -> None:
    benchmark.pedantic(BaselineSystem, args=(data[0],), rounds=3)


def in_threads(work: Callable[[list[str]], object], texts: list[str], n: int = 4) -> None:
    chunks = [texts[i::n] for i in range(n)]
    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.benchmark(group="matcher: batch in 4 threads")
def test_matcher_threads(
    benchmark: BenchmarkFixture, matcher: matcher_rs.Matcher, texts: list[str]
) -> None:
    # classify_batch releases the GIL, so the threads' batches overlap.
    benchmark(in_threads, lambda chunk: matcher.classify_batch(chunk, 1), texts)


@pytest.mark.benchmark(group="matcher: batch in 4 threads")
def test_threads_baseline(
    benchmark: BenchmarkFixture, baseline: BaselineSystem, texts: list[str]
) -> None:
    benchmark(in_threads, baseline.pipeline.predict, texts)


@pytest.fixture(scope="module")
def many_intents(request: pytest.FixtureRequest) -> list[Example]:
    disabled = bool(request.config.getoption("benchmark_disable", default=False))
    return synthetic(n_intents=100 if disabled else 1000, per_intent=20)


@pytest.fixture(scope="module")
def many_matcher(many_intents: list[Example]) -> matcher_rs.Matcher:
    return matcher_rs.Matcher.train(many_intents)


@pytest.mark.benchmark(group="matcher: one message, 1000 intents")
def test_matcher_single_1000_intents(
    benchmark: BenchmarkFixture, many_matcher: matcher_rs.Matcher, many_intents: list[Example]
) -> None:
    text = cycling([t for t, _ in many_intents[::7]])
    benchmark(lambda: many_matcher.classify(text(), top_k=1))
    assert many_matcher.stats()["size_bytes"] <= MODEL_LIMIT_BYTES
    sample = many_intents[::50]
    results = many_matcher.classify_batch([t for t, _ in sample], 1)
    assert agreement([r.top_label for r in results], [label for _, label in sample]) > 0.95


@pytest.mark.benchmark(group="matcher: one message, 1000 intents")
def test_single_1000_intents_baseline(
    benchmark: BenchmarkFixture, many_intents: list[Example]
) -> None:
    baseline = BaselineSystem(many_intents)
    text = cycling([t for t, _ in many_intents[::7]])
    benchmark(lambda: baseline.predict_one(text()))
