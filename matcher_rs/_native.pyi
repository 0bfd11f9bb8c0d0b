"""Stubs of the compiled module (hand-written; checked by mypy.stubtest)."""

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, final

__all__ = [
    "FORMAT_VERSION",
    "Candidate",
    "Classification",
    "Entity",
    "Matcher",
    "MatcherError",
    "ModelFileError",
    "TrainingDataError",
    "UnsupportedVersionError",
    "__version__",
    "normalize",
]

__version__: str
FORMAT_VERSION: int

def normalize(text: str) -> str:
    """Text as the matcher sees it: NFKC, case folded, ё folded into е."""

class MatcherError(ValueError):
    """Any error of the matcher; a ValueError."""

class TrainingDataError(MatcherError):
    """The training set cannot train a model (empty, or a single label)."""

class ModelFileError(MatcherError):
    """A model file is corrupt or not a model file."""

class UnsupportedVersionError(ModelFileError):
    """A model file of an unknown format version."""

@final
class Candidate:
    """One ranked intent."""

    @property
    def label(self) -> str: ...
    @property
    def confidence(self) -> float:
        """Calibrated confidence in [0, 1]."""
    @property
    def score(self) -> float:
        """The raw one-vs-rest SVM score."""

@final
class Entity:
    """A catalog value named in the text; ``text[start:end]`` is the surface form."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

@final
class Classification:
    """The matcher's answer for one text."""

    @property
    def label(self) -> str | None:
        """The best intent, or None when the text is out of scope."""
    @property
    def top_label(self) -> str:
        """The best intent even when the text is out of scope."""
    @property
    def confidence(self) -> float: ...
    @property
    def margin(self) -> float:
        """Confidence of the best candidate minus that of the second."""
    @property
    def out_of_scope(self) -> bool: ...
    @property
    def candidates(self) -> list[Candidate]: ...
    @property
    def entities(self) -> list[Entity]: ...

@final
class Matcher:
    """An intent and topic matcher; safe to use from many threads."""

    @staticmethod
    def train(
        examples: Sequence[tuple[str, str]],
        entities: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        *,
        c: float = 1.0,
        word_ngrams: int = 2,
        char_min: int = 2,
        char_max: int = 5,
        word_weight: float = 1.0,
        char_weight: float = 1.0,
        char_across_words: bool = False,
        pair_window: int = 20,
        pair_weight: float = 1.0,
        eps: float = 0.1,
        prune: float = 0.02,
        loss: Literal["hinge", "squared_hinge"] = "hinge",
        progress: Callable[[int, int], object] | None = None,
    ) -> Matcher:
        """Trains from (text, label) pairs and a catalog {kind: {value: [synonyms]}}.

        ``c`` is the SVM's inverse regularization; ``word_ngrams`` (1 or 2), ``char_min``
        and ``char_max`` size the word and character n-grams; ``pair_window`` pairs word
        stems up to that many words apart (0 = off); the ``*_weight`` values share the
        vector between the views; ``eps`` is the solver tolerance; weights under
        ``prune`` are dropped; ``loss`` is each one-vs-rest SVM's loss;
        ``progress(done, total)`` is called as intents finish.
        """
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Matcher:
        """Reads a model file written by ``save``."""
    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the model, its examples and catalog to ``path`` atomically."""
    def classify(self, text: str, top_k: int = 3) -> Classification:
        """Ranks intents and finds entities. Any text gets a result; a string that is not
        valid Unicode (a lone surrogate) raises UnicodeEncodeError, a ValueError."""
    def classify_batch(self, texts: Sequence[str], top_k: int = 3) -> list[Classification]:
        """Classifies many texts in parallel, without the GIL."""
    def explain(
        self, text: str, label: str | None = None, top_n: int = 10
    ) -> tuple[str, list[tuple[str, float]]]:
        """The label explained (the best one by default) and the terms that moved it."""
    def calibrate(self, examples: Sequence[tuple[str, str | None]]) -> tuple[float, float]:
        """Fits temperature and (with None-labelled rows) the out-of-scope threshold."""
    @property
    def threshold(self) -> float: ...
    @threshold.setter
    def threshold(self, value: float) -> None: ...
    @property
    def temperature(self) -> float: ...
    @property
    def labels(self) -> list[str]: ...
    @property
    def generation(self) -> int:
        """How many background rebuilds have swapped in a new model."""
    def add_examples(self, examples: Sequence[tuple[str, str]]) -> None:
        """Adds examples; the model is rebuilt in the background and swapped atomically."""
    def wait_until_idle(self, timeout: float | None = None) -> bool:
        """Waits for pending rebuilds; True when idle."""
    def stats(self) -> dict[str, int]:
        """n_intents, n_examples, n_features, n_weights, n_entity_values, size_bytes."""
