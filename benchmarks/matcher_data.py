"""Data for the matcher benchmarks: the shared intent data sets and a synthetic catalog
of 1,000 intents x 20 examples shaped like a telecom bot's (shared filler words, a few
words that name the intent, word order and inflection varying)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "intents"

Example = tuple[str, str]

_FILLER_TEXT = (
    "please how can i my the a to do want need help with is it can you tell me about "
    "what where when why could would like get have there any for on in of and or not"
)
_SYLLABLES_TEXT = "ka ro mi ta ne su lo vi da pe zu ri go ba te ny fa le mo ki"
_FILLER = _FILLER_TEXT.split()
_SYLLABLES = _SYLLABLES_TEXT.split()


def load(path: Path) -> list[Example]:
    with path.open(newline="", encoding="utf-8") as f:
        return [(row["text"], row["label"]) for row in csv.DictReader(f)]


def banking77() -> tuple[list[Example], list[Example]]:
    return load(DATA / "banking77" / "train.csv"), load(DATA / "banking77" / "test.csv")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def synthetic(n_intents: int = 1000, per_intent: int = 20, seed: int = 7) -> list[Example]:
    """`n_intents` x `per_intent` examples: each intent owns four key words; an example
    mixes two or three of them (sometimes with a typo) into filler words."""
    rng = random.Random(seed)
    examples = []
    for intent in range(n_intents):
        keys = [_word(rng) for _ in range(4)]
        for _ in range(per_intent):
            words = rng.sample(_FILLER, rng.randint(3, 7)) + rng.sample(keys, rng.randint(2, 3))
            rng.shuffle(words)
            if rng.random() < 0.2:
                i = rng.randrange(len(words))
                words[i] = words[i][:-1] or words[i]
            examples.append((" ".join(words), f"intent_{intent:04d}"))
    return examples
