"""Does a question ask for immigration status (``status``) or reveal it (``proxy``)?

Vocabularies per language (:mod:`sanctuary.forms.vocabulary`) over normalised text: lower case, accents and
punctuation removed (so "situación", "situacion" and "SITUACION" are one word), phrases matched word by word
with an edit distance for long words (misspellings), wild-card gaps and prefixes. Phrases that are never
findings ("marital status", "date of birth", ...) are blanked out first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sanctuary.forms.vocabulary import CONCEPTS, CONTEXT_CUES, NOT_FINDINGS, Concept

GAP = 3  # words a ``*`` may skip
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_BLANK = "\x00"


_ABBREVIATIONS = (re.compile(r"\bu s a\b"), "usa"), (re.compile(r"\bu s\b"), "us"), (re.compile(r"\bee uu\b"), "eeuu")


def normalise(text: str) -> list[str]:
    """Words of ``text``: camelCase and snake_case split, accents stripped, lower case, punctuation dropped,
    U.S./U.S.A./EE.UU. joined into one word."""
    text = _CAMEL.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("ß", "ss").replace("œ", "oe").replace("æ", "ae")
    joined = " ".join(w for w in _SPLIT.split(plain) if w)
    for pattern, replacement in _ABBREVIATIONS:
        joined = pattern.sub(replacement, joined)
    return joined.split()


@dataclass(frozen=True)
class _Word:
    text: str
    prefix: bool
    exact: bool = False


_Phrase = tuple["_Word | None", ...]  # None is a gap


def _compile(phrase: str) -> _Phrase:
    out: list[_Word | None] = []
    for part in phrase.split():
        if part == "*":
            out.append(None)
        elif part.endswith("~"):
            out.append(_Word(part[:-1], True))
        elif part.endswith("="):
            out.append(_Word(part[:-1], False, True))
        else:
            out.append(_Word(part, False))
    return tuple(out)


def _allowed_edits(word: str) -> int:
    return 2 if len(word) >= 9 else 1 if len(word) >= 6 else 0


@lru_cache(maxsize=65536)
def _word_matches(pattern: str, prefix: bool, exact: bool, word: str) -> bool:
    if word == _BLANK:
        return False
    if prefix:
        return word.startswith(pattern)
    if word == pattern or exact:
        return word == pattern
    limit = _allowed_edits(pattern)
    return limit > 0 and abs(len(word) - len(pattern)) <= limit and _distance(pattern, word, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (adjacent swaps count one), stopping early past ``limit``."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _match_at(phrase: _Phrase, words: list[str], start: int) -> int | None:
    """End index when ``phrase`` matches ``words`` from ``start``, else None."""
    position = start
    gap = False
    for item in phrase:
        if item is None:
            gap = True
            continue
        last = min(len(words), position + (GAP + 1 if gap else 1))
        for k in range(position, last):
            if _word_matches(item.text, item.prefix, item.exact, words[k]):
                position = k + 1
                break
        else:
            return None
        gap = False
    return position


def find(phrase: _Phrase, words: list[str]) -> tuple[int, int] | None:
    for start in range(len(words)):
        end = _match_at(phrase, words, start)
        if end is not None:
            return start, end
    return None


# The same country under its other written forms.
_VARIANTS = (("estados unidos", "eeuu"), ("united states", "usa"), ("united states", "america"))


def _variants(phrase: str) -> list[str]:
    out = [phrase]
    for name, other in _VARIANTS:
        if name in phrase:
            out.append(phrase.replace(name, other))
    return out


_NOT_FINDINGS = tuple(_compile(p) for p in NOT_FINDINGS)
_CONCEPTS = tuple((c, tuple((v, _compile(v)) for p in c.phrases for v in _variants(p)),
                   tuple(re.compile(r) for r in c.raw)) for c in CONCEPTS)
_CUES = {ctx: tuple(_compile(p) for p in phrases) for ctx, phrases in CONTEXT_CUES.items()}


def _blank_not_findings(words: list[str]) -> list[str]:
    words = list(words)
    for phrase in _NOT_FINDINGS:
        while (span := find(phrase, words)) is not None:
            for k in range(*span):
                words[k] = _BLANK
    return words


@dataclass(frozen=True)
class Hit:
    concept: Concept
    matched: str  # the phrase or pattern that matched
    start: int = -1  # the words it matched, [start, end); -1 for a pattern over the raw text
    end: int = -1

    @property
    def length(self) -> int:
        return self.end - self.start if self.start >= 0 else 1

    def inside(self, other: Hit) -> bool:
        """Its words are strictly within the other match's words."""
        return (self.start >= 0 and other.start >= 0 and other.start <= self.start and self.end <= other.end
                and other.length > self.length)


def classify(text: str) -> Hit | None:
    """The concept ``text`` asks about, or None. Of several matches, one inside another's words gives way
    ("alien" inside "alien number"); then status before proxy; then the longest."""
    words = _blank_not_findings(normalise(text))
    hits: list[Hit] = []
    for concept, phrases, raws in _CONCEPTS:
        best: Hit | None = None
        for source, phrase in phrases:
            span = find(phrase, words)
            if span is not None and (best is None or span[1] - span[0] > best.length):
                best = Hit(concept, source, span[0], span[1])
        if best is None:
            best = next((Hit(concept, pattern.pattern) for pattern in raws if pattern.search(text)), None)
        if best is None:
            best = next((Hit(concept, " + ".join(g[0] for g in groups)) for groups in concept.together
                         if all(_any_word(group, words) for group in groups)), None)
        if best is not None:
            hits.append(best)
    outer = [h for h in hits if not any(h.inside(other) for other in hits if other is not h)]
    if not outer:
        return None
    return min(outer, key=lambda h: (0 if h.concept.category == "status" else 1, -h.length))


def _any_word(group: tuple[str, ...], words: list[str]) -> bool:
    return any(w.startswith(g[:-1]) if g.endswith("~") else w == g for g in group for w in words)


def context_of(text: str) -> str | None:
    """The contract context a statute-required question names (``employment_verification`` for the I-9,
    ``benefits_eligibility``), or None."""
    words = normalise(text)
    for context, phrases in _CUES.items():
        if any(find(p, words) is not None for p in phrases):
            return context
    return None
