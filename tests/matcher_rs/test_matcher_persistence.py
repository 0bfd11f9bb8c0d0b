"""A saved model loads back with identical answers, so the router restarts without
retraining."""

from __future__ import annotations

from pathlib import Path

import matcher_rs

EXAMPLES = [
    ("where is my card", "card"),
    ("card not delivered", "card"),
    ("top up my balance", "top_up"),
    ("add money", "top_up"),
    ("сменить тариф", "tariff"),
    ("другой тариф", "tariff"),
]
CATALOG: dict[str, dict[str, list[str]]] = {"city": {"Екатеринбург": ["Ебург"]}}
PROBES = ["where is my card", "top up", "тарифы", "", "в Ебурге", "zzz", "ÄÖÜ ß 🙂"]


def test_round_trip_gives_identical_results(tmp_path: Path) -> None:
    matcher = matcher_rs.Matcher.train(EXAMPLES, CATALOG)
    matcher.calibrate([("card please", "card"), ("money", "top_up"), ("weather", None)])
    path = tmp_path / "matcher.bin"
    matcher.save(path)
    loaded = matcher_rs.Matcher.load(str(path))
    assert loaded.labels == matcher.labels
    assert loaded.threshold == matcher.threshold
    assert loaded.temperature == matcher.temperature
    assert loaded.stats() == matcher.stats()
    for text in PROBES:
        a, b = matcher.classify(text, top_k=3), loaded.classify(text, top_k=3)
        assert [(c.label, c.confidence, c.score) for c in a.candidates] == [
            (c.label, c.confidence, c.score) for c in b.candidates
        ]
        assert [(e.value, e.start, e.end) for e in a.entities] == [
            (e.value, e.start, e.end) for e in b.entities
        ]
        assert a.out_of_scope == b.out_of_scope


def test_a_loaded_model_keeps_learning(tmp_path: Path) -> None:
    path = tmp_path / "matcher.bin"
    matcher_rs.Matcher.train(EXAMPLES).save(path)
    loaded = matcher_rs.Matcher.load(path)
    loaded.add_examples([("роуминг в турции", "roaming"), ("связь за границей", "roaming")])
    assert loaded.wait_until_idle(timeout=60)
    assert "roaming" in loaded.labels
    assert loaded.stats()["n_examples"] == len(EXAMPLES) + 2


def test_save_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "matcher.bin"
    path.write_bytes(b"old content")
    matcher_rs.Matcher.train(EXAMPLES).save(path)
    assert matcher_rs.Matcher.load(path).labels == ["card", "tariff", "top_up"]
    assert not (tmp_path / "matcher.bin.tmp").exists()
