"""The out-of-scope threshold fitted on held-out examples and off-topic messages."""

from __future__ import annotations

from router.demo import load_demo_knowledge
from router.matching.threshold import best_threshold, split
from router.matching.training import train


def test_every_fifth_example_of_each_intent_is_held_out() -> None:
    examples = [(f"a{i}", "a") for i in range(10)] + [(f"b{i}", "b") for i in range(4)]
    train_part, held = split(examples)
    assert held == [("a4", "a"), ("a9", "a")]
    assert len(train_part) == 12


def test_the_threshold_separates_what_it_can() -> None:
    in_scope = [(0.9, True), (0.8, True), (0.4, True), (0.7, False)]
    off_topic = [0.3, 0.5, 0.2]
    # 0.4 and 0.8 both get five of seven right; the tie goes to the lower one, so the
    # bot answers rather than hands over when the data cannot tell.
    assert best_threshold(in_scope, off_topic) == 0.4
    assert best_threshold([(0.9, True), (0.6, True)], [0.3, 0.5]) == 0.6


def test_no_data_means_never_out_of_scope() -> None:
    assert best_threshold([], []) == 0.0


def test_the_demo_bot_hands_over_what_no_telecom_knows() -> None:
    matcher = train(load_demo_knowledge())
    assert 0.0 < matcher.threshold < 1.0
    assert not matcher.classify("Сколько стоит тариф «Мой онлайн»?").out_of_scope
    assert not matcher.classify("где ваш офис в Ебурге").out_of_scope
    assert matcher.classify("хочу пиццу").out_of_scope
