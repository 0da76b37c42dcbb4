"""Spanish text handling: cleaning what people type, and folding, stop words and stems for search and similarity.

One mechanism for every domain (problems, proposals…): "árboles" and "arboles" fold to the same word, plurals
and derived forms share a Snowball stem ("inseguridad", "inseguro" → "insegur"), and stop words never count.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

SPANISH_STOP_WORDS = frozenset(
    """
    a al algo algun alguna algunas alguno algunos ante antes aqui asi aun con contra cual cuales cuando de del desde
    donde dos el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta estaba estan estar estas este
    esto estos fue fueron ha hace hacen hacia han hasta hay la las le les lo los mas me mi mis mucho muy nada ni no
    nos nuestra nuestro o otra otras otro otros para pero poco por porque que quien se sea ser si sido sin sobre
    son su sus tambien tan tanto te tiene tienen todo todos tu un una uno unos usted y ya yo
    """.split()
)

# Bidirectional controls (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; the LRM, RLM and Arabic letter marks) let a
# text display in another order than it is stored ("exe.pdf" shown as "fdp.exe"), and NUL breaks PostgreSQL.
# Joiners (U+200C/U+200D) stay: emoji and some scripts need them.
_UNSAFE_CHARACTERS = dict.fromkeys([0x00, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)


def clean_user_text(text):
    """What a person typed, without bidirectional control characters or NUL. Every text channel goes through it:
    Django form fields and DRF serializer fields (patched in ``core.apps``) and the SMS/WhatsApp payloads."""
    if not isinstance(text, str):
        return text
    return text.translate(_UNSAFE_CHARACTERS)


_WORD = re.compile(r"[a-z0-9ñ]+")
_stemmer = snowballstemmer.stemmer("spanish")


def fold(text: str) -> str:
    """Lower-case and strip accents (keeping ñ), so "Árboles" and "arboles" are the same word."""
    text = (text or "").lower().replace("ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.replace("\0", "ñ")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Folded words without stop words or one-letter tokens."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in SPANISH_STOP_WORDS]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def stems_document(text: str) -> str:
    """Space-delimited stems (with a leading and trailing space) for substring matching in any database."""
    unique = dict.fromkeys(stems(text))
    return " " + " ".join(unique) + " " if unique else ""


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap of two stem sets (Dice coefficient), 0..1."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
