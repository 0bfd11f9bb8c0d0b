"""Arbitrary Unicode, empty strings and a 1 MB text get a result, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import matcher_rs

EXAMPLES = [
    ("where is my card", "card"),
    ("card not delivered", "card"),
    ("top up my balance", "top_up"),
    ("сменить тариф", "tariff"),
]
CATALOG: dict[str, dict[str, list[str]]] = {
    "city": {"Екатеринбург": ["Ебург"]},
    "country": {"Турция": []},
}


@pytest.fixture(scope="module")
def matcher() -> matcher_rs.Matcher:
    return matcher_rs.Matcher.train(EXAMPLES, CATALOG)


def check(matcher: matcher_rs.Matcher, text: str) -> None:
    result = matcher.classify(text)
    assert result.top_label in matcher.labels
    assert 0.0 <= result.confidence <= 1.0
    for entity in result.entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_unicode_text_gets_a_result(matcher: matcher_rs.Matcher, text: str) -> None:
    check(matcher, text)
    assert isinstance(matcher_rs.normalize(text), str)


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(max_size=20), suffix=st.text(max_size=20))
def test_entities_found_inside_arbitrary_text_point_at_themselves(
    matcher: matcher_rs.Matcher, prefix: str, suffix: str
) -> None:
    check(matcher, f"{prefix} Ебурге {suffix}")


@settings(max_examples=50, deadline=None)
@given(texts=st.lists(st.text(), max_size=20))
def test_batches_of_anything_match_one_by_one(
    matcher: matcher_rs.Matcher, texts: list[str]
) -> None:
    batch = matcher.classify_batch(texts)
    assert [r.top_label for r in batch] == [matcher.classify(t).top_label for t in texts]


def test_empty_and_huge_texts(matcher: matcher_rs.Matcher) -> None:
    check(matcher, "")
    huge = ("где моя карта в Ебурге? " * 50_000)[: 1 << 20]
    assert len(huge.encode()) >= 1 << 20
    check(matcher, huge)
    assert matcher.classify(huge).entities


def test_lone_surrogates_are_a_value_error(matcher: matcher_rs.Matcher) -> None:
    # Not encodable as UTF-8, so refused at the boundary (UnicodeEncodeError is a ValueError).
    with pytest.raises(ValueError):
        matcher.classify("card \ud800")
    with pytest.raises(ValueError):
        matcher.classify_batch(["ok", "\udfff"])
