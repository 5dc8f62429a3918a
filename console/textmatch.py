"""Case- and width-insensitive text matching (全角/半角, upper/lower case).

``normalize`` maps full-width letters, digits and punctuation to their ASCII forms (NFKC) and
folds case, so "ＡＢＣ１" and "abc1" match. Keyword rules, comment search and the comment
lottery all match through it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` occurs in ``text`` as ``normalize`` matches them: (start, end) in
    ``text``'s own characters, to mark what a search found. Characters are normalized one at
    a time, so that each match maps back to the characters it came from."""
    needle = normalize(query).strip()
    if not needle:
        return []
    folded: list[str] = []
    origin: list[int] = []  # origin[i]: the character of ``text`` that folded character i is from
    for position, character in enumerate(text):
        piece = normalize(character)
        folded.append(piece)
        origin.extend([position] * len(piece))
    haystack = "".join(folded)
    spans = []
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = haystack.find(needle, end)
    return spans


class KeywordMatcher:
    """Finds the first of a set of words in a text (both normalized the same way)."""

    def __init__(self, words: Iterable[str]) -> None:
        cleaned = sorted({normalize(w).strip() for w in words} - {""}, key=len, reverse=True)
        self.words: tuple[str, ...] = tuple(cleaned)
        self._pattern = re.compile("|".join(map(re.escape, cleaned))) if cleaned else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, normalized_text: str) -> str | None:
        """The matching word, or None; ``normalized_text`` must come from ``normalize``."""
        if self._pattern is None:
            return None
        match = self._pattern.search(normalized_text)
        return match.group(0) if match else None
