"""Many threads classify while examples are added and the model is swapped: nobody
blocks, nobody sees a half-built model, every added example ends up in the model."""

from __future__ import annotations

import threading

import matcher_rs

BASE = [
    ("where is my card", "card"),
    ("card not delivered", "card"),
    ("top up my balance", "top_up"),
    ("add money to account", "top_up"),
]


def test_classification_continues_while_the_model_is_rebuilt() -> None:
    matcher = matcher_rs.Matcher.train(BASE)
    stop = threading.Event()
    seen_labels: set[str] = set()
    errors: list[BaseException] = []
    lock = threading.Lock()

    def classify_forever() -> None:
        try:
            while not stop.is_set():
                result = matcher.classify("where is my card", top_k=10)
                labels = [c.label for c in result.candidates]
                # A whole model: its candidates are distinct, ranked, and include "card".
                assert len(set(labels)) == len(labels)
                assert "card" in labels
                batch = matcher.classify_batch(["top up", "card"] * 8)
                assert len(batch) == 16
                with lock:
                    seen_labels.update(labels)
        except BaseException as e:  # reported to the main thread below
            errors.append(e)

    readers = [threading.Thread(target=classify_forever) for _ in range(4)]
    for reader in readers:
        reader.start()
    try:
        for i in range(6):
            matcher.add_examples([(f"new topic number {i} question", f"topic_{i}")])
            matcher.add_examples([(f"another phrasing for topic {i}", f"topic_{i}")])
        assert matcher.wait_until_idle(timeout=120)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert not errors, errors
    assert matcher.generation >= 1
    assert set(matcher.labels) == {"card", "top_up"} | {f"topic_{i}" for i in range(6)}
    assert matcher.stats()["n_examples"] == len(BASE) + 12
    assert matcher.classify("new topic number 3 question").top_label == "topic_3"


def test_adding_nothing_changes_nothing() -> None:
    matcher = matcher_rs.Matcher.train(BASE)
    matcher.add_examples([])
    assert matcher.wait_until_idle(timeout=10)
    assert matcher.generation == 0


def test_gil_is_released_during_batch_classification() -> None:
    # While one thread runs a long batch without the GIL, another thread keeps running
    # Python code; with the GIL held it could not advance until the batch ended.
    matcher = matcher_rs.Matcher.train(BASE)
    texts = ["where is my card " * 20] * 20_000
    ticks = 0
    done = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        before = ticks
        matcher.classify_batch(texts)
        during = ticks - before
    finally:
        done.set()
        ticker.join()
    assert during > 1000
