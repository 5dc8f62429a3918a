"""Filling Qt-style placeholders (%1, %2, ...) of translated strings, as QString.arg would."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%(\d+)")


def arg(template: str, *values: object) -> str:
    """``arg("Likes %1 of %2", 3, 10)`` -> ``"Likes 3 of 10"``; unknown numbers stay as they are."""

    def replace(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 1 <= number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(replace, template)
