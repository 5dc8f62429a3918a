"""Provably fair lottery draws: commit to a seed, draw, publish a proof anyone can re-run.

Before a lottery opens the console takes a fresh seed from the CSPRNG (:func:`new_seed`) and
publishes ``commitment(seed)``, the SHA-256 of the seed. When entries close it draws with that
seed and then publishes a :class:`Proof`: the seed, the entrants, the count and the winners.
Anyone can check that the seed hashes to the commitment and re-run the draw, here with
``python -m console.lottery verify FILE`` or in any language from the description below.

The draw, algorithm ``livedesk-draw-v1``
----------------------------------------
Inputs: entrant ids (Unicode strings), a count and a seed (bytes).

1. Pool. Encode every id as UTF-8, with no normalisation, trimming or case folding (ids are
   compared byte for byte). Drop duplicates and sort ascending by those bytes (unsigned,
   bytewise; a proper prefix sorts first). The result ``P[0] .. P[n-1]`` is the pool, so the
   order of the entries and repeated entries change nothing.
2. Count. ``k = min(count, n)``; when ``k <= 0`` there are no winners.
3. Random words. Word ``j`` (``j = 0, 1, 2, ...``) is the first 8 bytes of
   ``HMAC-SHA256(key=seed, message=J)``, where ``J`` is ``j`` as an 8-byte big-endian unsigned
   integer, read as a big-endian unsigned 64-bit integer. A draw takes words 0, 1, 2, ... in
   this order; every word taken counts, rejected ones included.
4. Index below ``m``. ``limit = 2**64 - (2**64 mod m)``. Take the next word ``w``; while
   ``w >= limit`` discard it and take the next one. The index is ``w mod m``. Rejecting the
   top of the range removes modulo bias. For ``m = 1`` a word is still taken (index 0).
5. Partial Fisher-Yates. For ``i = 0 .. k-1``: ``r = i + (index below n - i)``; swap ``P[i]``
   and ``P[r]``; winner number ``i + 1`` is ``P[i]``.

Step ``i`` never looks at ``k``, so ``draw(E, k, s)`` is a prefix of ``draw(E, k + 1, s)``.
Re-rolling a winner who did not claim the prize is therefore drawing one more: the next
element of the same permutation, which an outsider verifies with the same seed.

Test vector: seed ``bytes(range(32))`` (hex ``000102...1f``, commitment ``630dcd29...d710dd``),
entrants ``alice``, ``bob``, ``carol``, ``dave``, ``eve``, ``小明``, ``用户_42``. Count 7 gives
``bob``, ``eve``, ``alice``, ``carol``, ``用户_42``, ``小明``, ``dave``; count 3 its first three.

What a proof cannot show is that the entrant list is complete and genuine; that is checked
against the public comments. Publishing the commitment before entries open means nobody,
the operator included, can pick a seed to suit the entrants.

The proof that publishes a draw is described in console.lottery.proof.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import secrets
from collections.abc import Iterable, Iterator

ALGORITHM = "livedesk-draw-v1"
SEED_BYTES = 32
# A seed shorter than this could be found from its commitment by brute force before the draw.
MIN_SAFE_SEED_BYTES = 16

_WORD_SPACE = 1 << 64


def new_seed() -> bytes:
    """A fresh seed of SEED_BYTES bytes from the operating system's CSPRNG."""
    return secrets.token_bytes(SEED_BYTES)


def _seed_bytes(seed: bytes) -> bytes:
    if not isinstance(seed, bytes | bytearray | memoryview):
        raise TypeError(
            f"the seed is bytes, got {type(seed).__name__} (use bytes.fromhex for a hex string)"
        )
    return bytes(seed)


def _sha256_hex(seed: bytes) -> str:
    return hashlib.sha256(_seed_bytes(seed)).hexdigest()


def commitment(seed: bytes) -> str:
    """The commitment published before the draw: lowercase hex SHA-256 of the seed bytes."""
    return _sha256_hex(seed)


def canonical_pool(entries: Iterable[str]) -> list[str]:
    """Step 1 of the draw: the distinct entrant ids sorted by their UTF-8 bytes."""
    encoded: dict[str, bytes] = {}
    for entry in entries:
        if not isinstance(entry, str):
            raise TypeError(f"entrant ids are strings, got {type(entry).__name__}")
        if entry not in encoded:
            try:
                encoded[entry] = entry.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"entrant id {entry!r} is not valid Unicode") from None
    return sorted(encoded, key=encoded.__getitem__)


def _words(seed: bytes) -> Iterator[int]:
    """Step 3: the endless stream of 64-bit words drawn from the seed."""
    for j in itertools.count():
        block = hmac.digest(seed, j.to_bytes(8, "big"), "sha256")
        yield int.from_bytes(block[:8], "big")


def _index_below(m: int, words: Iterator[int]) -> int:
    """Step 4: a uniform index in ``range(m)``, rejecting words that would favour low ones."""
    limit = _WORD_SPACE - _WORD_SPACE % m
    word = next(words)
    while word >= limit:
        word = next(words)
    return word % m


def _check_count(count: int) -> None:
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"the count is an int, got {type(count).__name__}")


def draw(entries: Iterable[str], count: int, seed: bytes) -> list[str]:
    """The winners in draw order (algorithm in the module docstring).

    Only the set of entries matters; ``count`` is clamped to the number of distinct entrants.
    """
    _check_count(count)
    key = _seed_bytes(seed)
    pool = canonical_pool(entries)
    words = _words(key)
    winners: list[str] = []
    for i in range(min(count, len(pool))):
        r = i + _index_below(len(pool) - i, words)
        pool[i], pool[r] = pool[r], pool[i]
        winners.append(pool[i])
    return winners


def verify(
    entries: Iterable[str],
    count: int,
    seed: bytes,
    commitment: str,
    winners: Iterable[str],
) -> bool:
    """True only if the seed matches the commitment and the draw gives exactly these winners."""
    if not isinstance(commitment, str) or _sha256_hex(seed) != commitment.lower():
        return False
    return draw(entries, count, seed) == list(winners)
