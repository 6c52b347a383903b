"""The classifier layer's own emergency model: is anyone in danger now, sentence by sentence?

A binary logistic regression over word and character n-grams plus the MiniLM sentence embedding,
trained on the NLU data (report_emergency against everything else). A message scores the highest
of its whole text and each of its sentences, so "...and now he's kicking the door in" at the end
of a noise complaint is not averaged away by the complaint.
"""
from typing import Callable, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from bot.emergency.sentences import sentences

Embed = Callable[[Sequence[str]], np.ndarray]


class Score(NamedTuple):
    message: float  # P(emergency) of the whole message
    sentence: float  # of its likeliest sentence (the message itself when it is one sentence)
    sentence_span: Optional[Tuple[int, int]]  # where that sentence is; None for a one-sentence message


class EmergencyModel:
    def __init__(self, embed: Embed, scale: float = 5.0, regularisation: float = 4.0) -> None:
        self.embed, self.scale = embed, scale
        self.ngrams = FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ])
        self.model = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=3000)

    def fit(self, texts: List[str], is_emergency: List[bool], embeddings: np.ndarray = None) -> "EmergencyModel":
        embeddings = self.embed(texts) if embeddings is None else embeddings
        self.model.fit(self._features(texts, embeddings, fit=True), np.array(is_emergency, dtype=int))
        return self

    def probabilities(self, texts: Sequence[str], embeddings: np.ndarray = None) -> np.ndarray:
        embeddings = self.embed(texts) if embeddings is None else embeddings
        return self.model.predict_proba(self._features(texts, embeddings))[:, 1]

    def score(self, text: str, embedding: np.ndarray = None) -> Score:
        """One pass over the message and its sentences; `embedding` is the message's, if already known."""
        parts = sentences(text)
        parts = parts if len(parts) > 1 else []
        texts = [text] + [p.text for p in parts]
        if embedding is None:
            vectors = self.embed(texts)
        else:
            vectors = np.vstack([embedding.reshape(1, -1)] + ([self.embed(texts[1:])] if parts else []))
        scores = self.probabilities(texts, vectors)
        if not parts:
            return Score(float(scores[0]), float(scores[0]), None)
        best = int(np.argmax(scores[1:]))
        return Score(float(scores[0]), float(scores[1 + best]), (parts[best].start, parts[best].end))

    def _features(self, texts: Sequence[str], embeddings: np.ndarray, fit: bool = False) -> csr_matrix:
        ngrams = self.ngrams.fit_transform(texts) if fit else self.ngrams.transform(texts)
        return hstack([ngrams, csr_matrix(embeddings * self.scale)]).tocsr()

    def state(self) -> dict:
        return {"ngrams": self.ngrams, "model": self.model, "scale": self.scale}

    @classmethod
    def from_state(cls, state: dict, embed: Embed) -> "EmergencyModel":
        restored = cls(embed, state["scale"])
        restored.ngrams, restored.model = state["ngrams"], state["model"]
        return restored
