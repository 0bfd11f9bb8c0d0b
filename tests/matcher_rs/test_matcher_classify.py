"""The matcher's Python API: training, ranked candidates, entities, explanations."""

from __future__ import annotations

import pytest

import matcher_rs

EXAMPLES = [
    ("where is my card", "card_arrival"),
    ("my card has not arrived yet", "card_arrival"),
    ("the card still did not come", "card_arrival"),
    ("how do I top up my balance", "top_up"),
    ("add money to my account", "top_up"),
    ("top up with a bank card", "top_up"),
    ("как сменить тариф", "tariff_change"),
    ("хочу перейти на другой тариф", "tariff_change"),
    ("поменяйте мне тариф пожалуйста", "tariff_change"),
    ("роуминг в турции", "roaming"),
    ("как работает связь за границей", "roaming"),
    ("сколько стоит роуминг", "roaming"),
]
CATALOG: dict[str, dict[str, list[str]]] = {
    "tariff": {"Мой онлайн": [], "Мой онлайн+": ["мой онлайн плюс"]},
    "city": {"Екатеринбург": ["Ебург", "Екб"]},
    "country": {"Турция": []},
}


@pytest.fixture(scope="module")
def matcher() -> matcher_rs.Matcher:
    return matcher_rs.Matcher.train(EXAMPLES, CATALOG)


def test_ranks_the_right_intent_first_in_both_languages(matcher: matcher_rs.Matcher) -> None:
    assert matcher.classify("my card did not arrive").top_label == "card_arrival"
    assert matcher.classify("Хочу сменить тарифы").top_label == "tariff_change"
    assert matcher.classify("РОУМИНГ за границей").top_label == "roaming"


def test_candidates_are_ranked_with_confidences_in_unit_range(matcher: matcher_rs.Matcher) -> None:
    result = matcher.classify("top up my balance", top_k=4)
    confidences = [c.confidence for c in result.candidates]
    assert len(result.candidates) == 4
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert result.confidence == confidences[0]
    assert result.margin == pytest.approx(confidences[0] - confidences[1])
    assert {c.label for c in result.candidates} == set(matcher.labels)


def test_without_calibration_nothing_is_out_of_scope(matcher: matcher_rs.Matcher) -> None:
    result = matcher.classify("quantum chromodynamics")
    assert matcher.threshold == 0.0
    assert not result.out_of_scope
    assert result.label == result.top_label


def test_entities_match_inflected_forms_with_spans_into_the_original(
    matcher: matcher_rs.Matcher,
) -> None:
    text = "Я в Екатеринбурге, хочу тариф «Мой онлайн плюс» и роуминг в Турции"
    entities = matcher.classify(text).entities
    found = [(e.kind, e.value, text[e.start : e.end]) for e in entities]
    assert found == [
        ("city", "Екатеринбург", "Екатеринбурге"),
        ("tariff", "Мой онлайн+", "Мой онлайн плюс"),
        ("country", "Турция", "Турции"),
    ]
    assert all(e.text == text[e.start : e.end] for e in entities)


def test_explain_names_the_terms_that_pushed_the_label(matcher: matcher_rs.Matcher) -> None:
    label, terms = matcher.explain("top up please")
    assert label == "top_up"
    assert terms and any(name == "word:top" and weight > 0 for name, weight in terms)
    label, terms = matcher.explain("top up please", label="roaming", top_n=3)
    assert label == "roaming" and len(terms) <= 3


def test_batch_gives_the_same_answers_as_one_by_one(matcher: matcher_rs.Matcher) -> None:
    texts = [t for t, _ in EXAMPLES] + ["", "?!", "Ебург"]
    batch = matcher.classify_batch(texts)
    for text, result in zip(texts, batch, strict=True):
        single = matcher.classify(text)
        assert result.top_label == single.top_label
        assert result.confidence == single.confidence


def test_calibration_sets_a_threshold_that_flags_out_of_scope() -> None:
    matcher = matcher_rs.Matcher.train(EXAMPLES)
    held_out = [
        ("card has not come", "card_arrival"),
        ("top up balance", "top_up"),
        ("сменить тариф", "tariff_change"),
        ("роуминг", "roaming"),
        ("what is the weather on mars", None),
        ("recipe for borscht", None),
    ]
    temperature, threshold = matcher.calibrate(held_out)
    assert temperature > 0 and 0.0 <= threshold <= 1.0
    assert matcher.threshold == threshold
    assert matcher.classify("роуминг").label == "roaming"


def test_stats_report_sizes_and_counts(matcher: matcher_rs.Matcher) -> None:
    stats = matcher.stats()
    assert stats["n_intents"] == 4
    assert stats["n_examples"] == len(EXAMPLES)
    assert stats["n_entity_values"] == 4
    assert stats["n_features"] > 0 and stats["size_bytes"] > 0


def test_progress_reports_every_class() -> None:
    seen: list[tuple[int, int]] = []
    matcher_rs.Matcher.train(EXAMPLES, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 4) and seen[-1][1] == 4
    assert max(done for done, _ in seen) == 4


def test_normalize_folds_case_width_and_yo() -> None:
    assert matcher_rs.normalize("ЁЖИК Ｔａｒｉｆｆ") == "ежик tariff"
