"""Lottery proofs: what the console publishes after a draw, and the verifier anyone can run.

``python -m console.lottery verify FILE`` checks a proof file: the seed hashes to the
commitment and re-running the draw (console.lottery.draw) gives the recorded winners.

Proof file, format 1
--------------------
One JSON object in UTF-8, keys sorted, two-space indent (:meth:`Proof.to_json`)::

    algorithm       "livedesk-draw-v1"
    format_version  1
    lottery_id      the console's id for this lottery round
    title, prize, kind, keyword, operator    free text for people ("" when unknown)
    settings        free-form object (exclusions, claim time ...); does not affect the draw
    entrants        list of entrant ids: the snapshot the draw used
    names           object: entrant id -> display name; does not affect the draw
    count           how many winners the lottery gives (>= 1)
    commitment      lowercase hex SHA-256 of the raw seed bytes, published before the draw
    seed            the seed as lowercase hex
    drawn           every id drawn, in draw order: the original winners, then re-rolls
    forfeited       drawn ids that did not claim the prize (each re-roll replaces one)
    created_at      ISO 8601 with offset: when the commitment was made
    drawn_at        ISO 8601 with offset: when the winners were drawn

The final winners are ``drawn`` without ``forfeited``, in draw order.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, Field, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from console.lottery.draw import ALGORITHM, MIN_SAFE_SEED_BYTES, SEED_BYTES, commitment, draw

FORMAT_VERSION = 1
_HEX = re.compile(r"(?:[0-9a-f]{2})*")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class ProofFormatError(ValueError):
    """A proof that cannot be read: not JSON, a missing field, a wrong type, another format."""


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise ProofFormatError(f"{name} must be a string, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ProofFormatError(f"{name} is not valid Unicode: {value!r}") from None
    return value


def _check_ids(name: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ProofFormatError(f"{name} must be a list of ids, got {type(value).__name__}")
    return tuple(_check_text(f"an id in {name}", item) for item in value)


def _check_hex(name: str, value: object, pattern: re.Pattern[str]) -> str:
    text = _check_text(name, value).lower()
    if not pattern.fullmatch(text):
        raise ProofFormatError(f"{name} is not valid hex: {value!r}")
    return text


def _check_time(name: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise ProofFormatError(f"{name} must be a datetime, got {type(value).__name__}")
    if value.utcoffset() is None:
        raise ProofFormatError(f"{name} must carry a time zone offset")
    return value


def _plural(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


@dataclass(frozen=True)
class Proof:
    """Everything an outsider needs to re-run a draw (the file format is in the module doc).

    Lists are stored as tuples and mappings as read-only copies, so a proof never changes
    after it is made. ``settings`` and ``names`` are for people; the draw ignores them.
    """

    lottery_id: str
    entrants: tuple[str, ...]
    count: int
    commitment: str
    seed: str
    drawn: tuple[str, ...]
    created_at: datetime
    drawn_at: datetime
    operator: str
    forfeited: tuple[str, ...] = ()
    title: str = ""
    prize: str = ""
    kind: str = ""
    keyword: str = ""
    # Read-only mappings cannot be hashed; the other fields identify a proof well enough.
    settings: Mapping[str, Any] = field(default_factory=dict, hash=False)
    names: Mapping[str, str] = field(default_factory=dict, hash=False)
    version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        if self.version != FORMAT_VERSION or isinstance(self.version, bool):
            raise ProofFormatError(
                f"unsupported proof format version {self.version!r} "
                f"(this LiveDesk reads version {FORMAT_VERSION})"
            )
        for name in ("lottery_id", "operator", "title", "prize", "kind", "keyword"):
            _check_text(name, getattr(self, name))
        if isinstance(self.count, bool) or not isinstance(self.count, int):
            raise ProofFormatError(f"count must be an integer, got {type(self.count).__name__}")
        normalised: dict[str, object] = {
            "entrants": _check_ids("entrants", self.entrants),
            "drawn": _check_ids("drawn", self.drawn),
            "forfeited": _check_ids("forfeited", self.forfeited),
            "commitment": _check_hex("commitment", self.commitment, _SHA256_HEX),
            "seed": _check_hex("seed", self.seed, _HEX),
            "created_at": _check_time("created_at", self.created_at),
            "drawn_at": _check_time("drawn_at", self.drawn_at),
            "settings": MappingProxyType(_json_copy("settings", self.settings)),
            "names": MappingProxyType(_names_copy(self.names)),
        }
        for name, value in normalised.items():
            object.__setattr__(self, name, value)

    @property
    def seed_bytes(self) -> bytes:
        return bytes.fromhex(self.seed)

    @property
    def winners(self) -> list[str]:
        """The final winners: the drawn ids that did not forfeit, in draw order."""
        forfeited = set(self.forfeited)
        return [entrant for entrant in self.drawn if entrant not in forfeited]

    @property
    def entrant_count(self) -> int:
        """Distinct entrants, the ``n`` of the draw."""
        return len(set(self.entrants))

    def to_json(self) -> str:
        """Stable, human-readable JSON: sorted keys, two-space indent, UTF-8 text unescaped."""
        data = {
            "algorithm": ALGORITHM,
            "format_version": self.version,
            "lottery_id": self.lottery_id,
            "title": self.title,
            "prize": self.prize,
            "kind": self.kind,
            "keyword": self.keyword,
            "operator": self.operator,
            "settings": dict(self.settings),
            "entrants": list(self.entrants),
            "names": dict(self.names),
            "count": self.count,
            "commitment": self.commitment,
            "seed": self.seed,
            "drawn": list(self.drawn),
            "forfeited": list(self.forfeited),
            "created_at": self.created_at.isoformat(),
            "drawn_at": self.drawn_at.isoformat(),
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Proof:
        """Read a proof written by :meth:`to_json`; ProofFormatError says what is wrong."""
        try:
            data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ProofFormatError(f"not JSON: {exc}") from None
        if not isinstance(data, dict):
            raise ProofFormatError("a proof is a JSON object")
        if data.get("format_version") != FORMAT_VERSION:
            raise ProofFormatError(
                f"unsupported proof format version {data.get('format_version')!r} "
                f"(this LiveDesk reads version {FORMAT_VERSION})"
            )
        if data.get("algorithm") != ALGORITHM:
            raise ProofFormatError(
                f"unknown draw algorithm {data.get('algorithm')!r} (this LiveDesk runs {ALGORITHM})"
            )
        known = {f.name for f in fields(cls)} - {"version"}
        required = {f.name for f in fields(cls) if f.init and _has_no_default(f)}
        present = set(data) - {"format_version", "algorithm"}
        if missing := sorted(required - present):
            raise ProofFormatError(f"missing field(s): {', '.join(missing)}")
        if unknown := sorted(present - known):
            raise ProofFormatError(f"unknown field(s): {', '.join(unknown)}")
        values = {name: data[name] for name in present}
        for name in ("entrants", "drawn", "forfeited"):
            if name in values and not isinstance(values[name], list):
                raise ProofFormatError(f"{name} must be a list of ids")
        for name in ("created_at", "drawn_at"):
            values[name] = _parse_time(name, values[name])
        return cls(**values)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the proof as a UTF-8 JSON file (via a temporary file, so never half-written)."""
        target = Path(path)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(self.to_json(), encoding="utf-8", newline="\n")
        os.replace(temporary, target)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Proof:
        """Read a proof file; OSError if it cannot be read, ProofFormatError if it is invalid."""
        return cls.from_json(Path(path).read_bytes())


def _has_no_default(f: Field[Any]) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A repeated key would let a file show one value to a reader and another to the parser."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ProofFormatError(f"the key {key!r} appears twice")
        data[key] = value
    return data


def _no_constant(name: str) -> float:
    raise ProofFormatError(f"{name} is not a JSON number")


def _parse_time(name: str, value: object) -> datetime:
    if not isinstance(value, str):
        raise ProofFormatError(f"{name} must be an ISO 8601 string")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ProofFormatError(f"{name} is not an ISO 8601 time: {value!r}") from None


def _json_copy(name: str, value: object) -> dict[str, Any]:
    """A private deep copy of a JSON object, so later edits by the caller cannot leak in."""
    if not isinstance(value, Mapping):
        raise ProofFormatError(f"{name} must be a mapping, got {type(value).__name__}")
    try:
        text = json.dumps(dict(value), ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ProofFormatError(f"{name} cannot be stored as JSON: {exc}") from None
    copy: dict[str, Any] = json.loads(text)
    return copy


def _names_copy(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ProofFormatError(f"names must be a mapping, got {type(value).__name__}")
    return {
        _check_text("an id in names", key): _check_text(f"the name of {key!r}", name)
        for key, name in value.items()
    }


def verify_proof(proof: Proof) -> tuple[bool, str]:
    """Re-run the draw in a proof: (True, summary) or (False, the first thing that is wrong)."""
    actual = commitment(proof.seed_bytes)
    if actual != proof.commitment:
        return False, (
            f"commitment mismatch: the SHA-256 of the seed is {actual}, "
            f"the proof commits to {proof.commitment}"
        )
    if proof.count < 1:
        return False, f"count inconsistent: a lottery has at least 1 winner, not {proof.count}"
    entrants = proof.entrant_count
    drawn = list(proof.drawn)
    expected = min(proof.count, entrants)
    if len(drawn) < expected:
        return False, (
            f"count inconsistent: {_plural(expected, 'winner')} should have been drawn "
            f"(count {proof.count}, {_plural(entrants, 'entrant')}), the proof lists {len(drawn)}"
        )
    if len(drawn) > entrants:
        return False, (
            f"winners differ: the proof lists {len(drawn):,} drawn ids "
            f"but there are only {_plural(entrants, 'entrant')}"
        )
    rerun = draw(proof.entrants, len(drawn), proof.seed_bytes)
    for position, (claimed, fair) in enumerate(zip(drawn, rerun, strict=True), start=1):
        if claimed != fair:
            return False, (
                f"winners differ: draw #{position} is {claimed!r} in the proof, "
                f"re-running the draw gives {fair!r}"
            )
    forfeited = set(proof.forfeited)
    if repeated := sorted(k for k, n in Counter(proof.forfeited).items() if n > 1):
        return False, f"forfeited id {repeated[0]!r} is listed more than once"
    if stray := sorted(forfeited - set(drawn)):
        return False, f"forfeited id {stray[0]!r} is not among the drawn"
    forfeits_so_far = sum(1 for entrant in drawn[:expected] if entrant in forfeited)
    for reroll, entrant in enumerate(drawn[expected:], start=1):
        if forfeits_so_far < reroll:
            return False, (
                f"count inconsistent: re-roll #{reroll} ({entrant!r}) replaces no forfeited winner"
            )
        forfeits_so_far += entrant in forfeited
    summary = (
        f"{_plural(len(proof.winners), 'winner')} from {_plural(entrants, 'entrant')} verified"
    )
    if forfeited:
        summary += f" ({len(forfeited)} forfeited, {len(drawn) - expected} re-rolled)"
    return True, summary


def _robust_output() -> None:
    """Ids may be Chinese; a console that cannot show them gets escapes, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m console.lottery verify FILE``: exit 0 verified, 1 failed, 2 unreadable."""
    parser = argparse.ArgumentParser(
        prog="python -m console.lottery",
        description="Check LiveDesk lottery proofs: the seed matches its commitment and "
        f"re-running the draw ({ALGORITHM}) gives the recorded winners.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("verify", help="verify a proof file")
    check.add_argument("file", type=Path, help="the lottery proof (JSON)")
    args = parser.parse_args(argv)
    _robust_output()
    try:
        proof = Proof.load(args.file)
    except OSError as exc:
        print(f"ERROR: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except ProofFormatError as exc:
        print(f"ERROR: {args.file} is not a valid lottery proof: {exc}", file=sys.stderr)
        return 2
    ok, message = verify_proof(proof)
    if not ok:
        print(f"FAILED: {message}")
        return 1
    print(f"OK: {message}")
    for position, winner in enumerate(proof.winners, start=1):
        name = proof.names.get(winner)
        print(f"  {position}. {winner}" + (f" ({name})" if name else ""))
    if len(proof.seed_bytes) < MIN_SAFE_SEED_BYTES:
        print(
            f"note: the seed is only {_plural(len(proof.seed_bytes), 'byte')}; "
            f"LiveDesk uses {SEED_BYTES} so that nobody can find it from the commitment"
        )
    return 0
