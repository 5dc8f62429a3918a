"""The provably fair draw: determinism, fairness, re-rolls, proofs and the verify command."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import random
import re
import struct
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from console.lottery.draw import (
    ALGORITHM,
    _index_below,
    canonical_pool,
    commitment,
    draw,
    new_seed,
    verify,
)
from console.lottery.proof import Proof, ProofFormatError, verify_proof

REPO = Path(__file__).resolve().parents[3]
SEED = bytes(range(32))
VECTOR_ENTRANTS = ["alice", "bob", "carol", "dave", "eve", "小明", "用户_42"]
# Chi-square critical value for 19 degrees of freedom at p = 0.001.
CHI2_DF19_P001 = 43.82


def _seed(i: int) -> bytes:
    return hashlib.sha256(f"test seed {i}".encode()).digest()


def _reference_draw(entries: list[str], count: int, seed: bytes) -> list[str]:
    """The algorithm re-implemented from the module docstring only, as an outsider would."""
    pool = sorted({e.encode("utf-8") for e in entries})
    counter = 0

    def word() -> int:
        nonlocal counter
        block = hmac.new(seed, struct.pack(">Q", counter), hashlib.sha256).digest()
        counter += 1
        return struct.unpack(">Q", block[:8])[0]

    winners = []
    for i in range(max(0, min(count, len(pool)))):
        m = len(pool) - i
        limit = 2**64 - 2**64 % m
        w = word()
        while w >= limit:
            w = word()
        r = i + w % m
        pool[i], pool[r] = pool[r], pool[i]
        winners.append(pool[i].decode("utf-8"))
    return winners


def _chi_square(counts: Counter[str], categories: list[str], total: int) -> float:
    expected = total / len(categories)
    return sum((counts[c] - expected) ** 2 / expected for c in categories)


def _genuine_proof(
    entrants: list[str], count: int, seed: bytes, *, rerolls: int = 0, **extra: object
) -> Proof:
    """A proof as the lottery service would write it; the first ``rerolls`` winners forfeit."""
    drawn = draw(entrants, count + rerolls, seed)
    values: dict[str, object] = {
        "lottery_id": "show-7/round-2",
        "entrants": entrants,
        "count": count,
        "commitment": commitment(seed),
        "seed": seed.hex(),
        "drawn": drawn,
        "forfeited": drawn[:rerolls],
        "created_at": datetime(2025, 1, 28, 19, 0, tzinfo=timezone(timedelta(hours=8))),
        "drawn_at": datetime(2025, 1, 28, 11, 5, 30, tzinfo=UTC),
        "operator": "场控小王",
        "title": "新年福袋",
        "prize": "蓝牙耳机",
        "kind": "comment",
        "keyword": "我要耳机",
        "settings": {"exclude_muted": True, "claim_seconds": 60},
        "names": {entrant: f"昵称{entrant}" for entrant in entrants[:3]},
    }
    values.update(extra)
    return Proof(**values)  # type: ignore[arg-type]


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console.lottery", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        check=False,
    )


# The draw


def test_the_documented_test_vector() -> None:
    assert commitment(SEED) == "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
    assert draw(VECTOR_ENTRANTS, 7, SEED) == [
        "bob",
        "eve",
        "alice",
        "carol",
        "用户_42",
        "小明",
        "dave",
    ]
    assert draw(VECTOR_ENTRANTS, 3, SEED) == ["bob", "eve", "alice"]


def test_matches_an_implementation_written_from_the_docstring() -> None:
    rng = random.Random(7)
    alphabet = "abcXYZ_09小明用户红包é😀"
    for case in range(300):
        entries = [
            "".join(rng.choices(alphabet, k=rng.randint(0, 4))) for _ in range(rng.randint(0, 30))
        ]
        count = rng.randint(-1, 35)
        assert draw(entries, count, _seed(case)) == _reference_draw(entries, count, _seed(case))


def test_same_inputs_give_the_same_winners() -> None:
    entries = [f"user{i}" for i in range(100)]
    first = draw(entries, 5, SEED)
    assert len(first) == 5
    assert all(draw(list(entries), 5, bytes(SEED)) == first for _ in range(3))


def test_entry_order_does_not_matter() -> None:
    entries = [f"user{i}" for i in range(50)]
    expected = draw(entries, 10, SEED)
    rng = random.Random(1)
    for _ in range(20):
        shuffled = entries[:]
        rng.shuffle(shuffled)
        assert draw(shuffled, 10, SEED) == expected
    assert draw(reversed(entries), 10, SEED) == expected
    assert draw(iter(set(entries)), 10, SEED) == expected


def test_duplicate_entries_do_not_matter() -> None:
    entries = [f"user{i}" for i in range(30)]
    spammy = entries + entries[:10] * 5 + ["user3"] * 100
    for seed in map(_seed, range(20)):
        assert draw(spammy, 4, seed) == draw(entries, 4, seed)


def test_count_is_clamped_to_the_distinct_entrants() -> None:
    entries = ["a", "b", "c", "b", "a"]
    everyone = draw(entries, 10, SEED)
    assert sorted(everyone) == ["a", "b", "c"]
    assert draw(entries, 3, SEED) == everyone
    assert draw(entries, 0, SEED) == []
    assert draw(entries, -2, SEED) == []
    assert draw([], 5, SEED) == []


def test_winners_are_distinct_entrants() -> None:
    entries = [f"u{i}" for i in range(40)]
    for seed in map(_seed, range(50)):
        winners = draw(entries, 15, seed)
        assert len(set(winners)) == 15
        assert set(winners) <= set(entries)


def test_different_seeds_give_different_winners() -> None:
    entries = [f"user{i}" for i in range(50)]
    results = {tuple(draw(entries, 5, _seed(i))) for i in range(200)}
    assert len(results) == 200
    assert len({tuple(draw(entries, 5, new_seed())) for _ in range(50)}) == 50


def test_a_reroll_is_the_next_winner_of_the_same_draw() -> None:
    for n in (1, 2, 7, 64):
        entries = [f"user{i}" for i in range(n)]
        for seed in map(_seed, range(10)):
            everyone = draw(entries, n, seed)
            for k in range(n + 1):
                assert draw(entries, k, seed) == everyone[:k]


def test_rejection_sampling_discards_words_that_would_bias_low_indexes() -> None:
    # 2**64 mod 3 == 1, so the single top word must be rejected for m == 3.
    words = iter([2**64 - 1, 7, 100])
    assert _index_below(3, words) == 1
    assert next(words) == 100
    # For a power of two every word is usable.
    assert _index_below(4, iter([2**64 - 1])) == 3
    # m == 1 still uses up a word, as documented.
    words = iter([5, 6])
    assert _index_below(1, words) == 0
    assert next(words) == 6


# Fairness


def test_every_entrant_is_equally_likely_to_win() -> None:
    entries = [f"viewer-{i:02d}" for i in range(20)]
    trials = 20_000
    counts = Counter(draw(entries, 1, _seed(i))[0] for i in range(trials))
    assert _chi_square(counts, entries, trials) < CHI2_DF19_P001


def test_every_position_of_a_multi_winner_draw_is_uniform() -> None:
    entries = [f"viewer-{i:02d}" for i in range(20)]
    trials = 20_000
    by_position: list[Counter[str]] = [Counter(), Counter(), Counter()]
    for i in range(trials):
        for position, winner in enumerate(draw(entries, 3, _seed(i))):
            by_position[position][winner] += 1
    for counts in by_position:
        assert _chi_square(counts, entries, trials) < CHI2_DF19_P001


def test_no_bias_toward_the_first_or_last_in_sort_order() -> None:
    entries = ["用户_最后", "0-first", *(f"m{i:02d}" for i in range(18))]
    pool = canonical_pool(entries)
    first, last = pool[0], pool[-1]
    assert (first, last) == ("0-first", "用户_最后")
    trials = 20_000
    wins = Counter(draw(entries, 1, _seed(10_000 + i))[0] for i in range(trials))
    # Binomial(20000, 1/20): mean 1000, standard deviation about 31; allow 5 of them.
    for entrant in (first, last):
        assert abs(wins[entrant] - trials / 20) < 5 * 31


# Unicode and input checks


def test_unicode_ids_are_ordered_by_their_utf8_bytes() -> None:
    # U+FFFD sorts before U+1F600 in UTF-8 (and code points), but after it in UTF-16.
    assert canonical_pool(["😀", "\ufffd", "用户", "é", "a", "Z", "a"]) == [
        "Z",
        "a",
        "é",
        "用户",
        "\ufffd",
        "😀",
    ]


def test_chinese_ids_draw_and_verify() -> None:
    entries = ["小明", "小红", "王大锤", "wx_用户8848", "李雷", "韩梅梅", "🐼熊猫"]
    winners = draw(entries, 3, SEED)
    assert len(winners) == 3
    assert set(winners) <= set(entries)
    assert verify(entries, 3, SEED, commitment(SEED), winners)


def test_ids_are_not_normalised() -> None:
    composed = "é"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert sorted(draw([composed, decomposed], 2, SEED)) == sorted([composed, decomposed])


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(TypeError, match="seed is bytes"):
        draw(["a"], 1, SEED.hex())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="strings"):
        draw(["a", 2], 1, SEED)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="count"):
        draw(["a"], 1.0, SEED)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not valid Unicode"):
        draw(["a", "\ud800"], 1, SEED)


# Commitment and verify


def test_commitment_is_the_sha256_of_the_seed() -> None:
    seed = new_seed()
    assert len(seed) == 32
    assert seed != new_seed()
    assert commitment(seed) == hashlib.sha256(seed).hexdigest()
    assert commitment(bytearray(seed)) == commitment(seed)


def test_verify_accepts_the_genuine_draw() -> None:
    entries = [f"user{i}" for i in range(30)]
    winners = draw(entries, 3, SEED)
    assert verify(entries, 3, SEED, commitment(SEED), winners)
    assert verify(list(reversed(entries)) + entries, 3, SEED, commitment(SEED), tuple(winners))


def test_verify_rejects_a_commitment_to_another_seed() -> None:
    entries = [f"user{i}" for i in range(30)]
    winners = draw(entries, 3, SEED)
    assert not verify(entries, 3, SEED, commitment(_seed(1)), winners)
    assert not verify(entries, 3, SEED, "", winners)


def test_verify_rejects_altered_winners() -> None:
    entries = [f"user{i}" for i in range(30)]
    everyone = draw(entries, 30, SEED)
    winners, outsider = everyone[:3], everyone[3]
    tampered = {
        "swapped": [winners[1], winners[0], winners[2]],
        "replaced": [winners[0], outsider, winners[2]],
        "extra": [*winners, outsider],
        "missing": winners[:2],
        "none": [],
    }
    for name, altered in tampered.items():
        assert not verify(entries, 3, SEED, commitment(SEED), altered), name


def test_verify_rejects_altered_entrants_that_change_the_outcome() -> None:
    entries = [f"user{i}" for i in range(30)]
    winners = draw(entries, 3, SEED)
    added = next(f"late{i}" for i in range(100) if draw([*entries, f"late{i}"], 3, SEED) != winners)
    assert not verify([*entries, added], 3, SEED, commitment(SEED), winners)
    removed = next(
        e for e in entries if e not in winners and draw(set(entries) - {e}, 3, SEED) != winners
    )
    assert not verify(set(entries) - {removed}, 3, SEED, commitment(SEED), winners)
    assert not verify(set(entries) - {winners[0]}, 3, SEED, commitment(SEED), winners)


def test_verify_rejects_an_altered_seed() -> None:
    entries = [f"user{i}" for i in range(30)]
    winners = draw(entries, 3, SEED)
    other = _seed(99)
    assert not verify(entries, 3, other, commitment(SEED), winners)
    assert not verify(entries, 3, other, commitment(other), winners)


# Proofs


def test_proof_json_round_trip(tmp_path: Path) -> None:
    proof = _genuine_proof([f"user{i}" for i in range(12)] + ["小明"], 3, SEED, rerolls=1)
    text = proof.to_json()
    assert Proof.from_json(text) == proof
    assert Proof.from_json(text.encode("utf-8")) == proof
    assert Proof.from_json(text).to_json() == text
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["algorithm"] == ALGORITHM
    assert data["format_version"] == 1
    assert data["seed"] == SEED.hex()
    assert data["created_at"] == "2025-01-28T19:00:00+08:00"
    assert "新年福袋" in text  # readable, not \\u escapes
    path = tmp_path / "proof.json"
    proof.save(path)
    assert path.read_bytes() == text.encode("utf-8")
    assert Proof.load(path) == proof
    assert [p.name for p in tmp_path.iterdir()] == ["proof.json"]


def test_proof_final_winners_skip_the_forfeited() -> None:
    proof = _genuine_proof([f"user{i}" for i in range(20)], 3, SEED, rerolls=2)
    assert len(proof.drawn) == 5
    assert proof.winners == list(proof.drawn[2:])
    assert proof.entrant_count == 20


def test_a_proof_cannot_be_changed_after_it_is_made() -> None:
    settings = {"exclude": ["muted"]}
    entrants = ["a", "b", "c"]
    proof = _genuine_proof(entrants, 1, SEED, settings=settings)
    settings["exclude"].append("staff")
    entrants.append("d")
    assert proof.settings == {"exclude": ["muted"]}
    assert proof.entrants == ("a", "b", "c")
    with pytest.raises(TypeError):
        proof.settings["exclude"] = []  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        proof.seed = "00"  # type: ignore[misc]
    assert hash(proof) == hash(Proof.from_json(proof.to_json()))


def test_verify_proof_accepts_genuine_proofs() -> None:
    entrants = [f"user{i}" for i in range(1234)]
    assert verify_proof(_genuine_proof(entrants, 3, SEED)) == (
        True,
        "3 winners from 1,234 entrants verified",
    )
    assert verify_proof(_genuine_proof(entrants, 3, SEED, rerolls=2)) == (
        True,
        "3 winners from 1,234 entrants verified (2 forfeited, 2 re-rolled)",
    )
    assert verify_proof(_genuine_proof(["solo"], 5, SEED)) == (
        True,
        "1 winner from 1 entrant verified",
    )


def test_verify_proof_accepts_a_forfeit_that_was_not_replaced() -> None:
    proof = _genuine_proof([f"user{i}" for i in range(10)], 3, SEED)
    ok, reason = verify_proof(dataclasses.replace(proof, forfeited=proof.drawn[1:2]))
    assert ok, reason
    assert reason == "2 winners from 10 entrants verified (1 forfeited, 0 re-rolled)"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: {"seed": _seed(5).hex()}, "commitment mismatch"),
        (lambda p: {"commitment": commitment(_seed(5))}, "commitment mismatch"),
        (lambda p: {"drawn": (p.drawn[1], p.drawn[0], *p.drawn[2:])}, "winners differ: draw #1"),
        (
            lambda p: {"drawn": (*p.drawn[:2], "user-outside")},
            "winners differ: draw #3 is 'user-outside'",
        ),
        (lambda p: {"entrants": (*p.entrants, "late-joiner-7")}, "winners differ"),
        (lambda p: {"drawn": p.drawn[:2]}, "count inconsistent: 3 winners should have been drawn"),
        (lambda p: {"count": 2}, "count inconsistent: re-roll #1"),
        (lambda p: {"count": 0}, "count inconsistent"),
        (
            lambda p: {"forfeited": ("user-outside",)},
            "forfeited id 'user-outside' is not among the drawn",
        ),
        (
            lambda p: {"forfeited": (p.drawn[0], p.drawn[0])},
            r"forfeited id 'user\d+' is listed more than once$",
        ),
        (lambda p: {"drawn": draw(p.entrants, 4, SEED)}, "count inconsistent: re-roll #1"),
    ],
)
def test_verify_proof_says_what_is_wrong(change, reason: str) -> None:
    proof = _genuine_proof([f"user{i}" for i in range(25)], 3, SEED)
    assert verify_proof(proof)[0]
    ok, message = verify_proof(dataclasses.replace(proof, **change(proof)))
    assert not ok
    assert re.match(reason, message), message


def test_verify_proof_rejects_more_drawn_than_entrants() -> None:
    proof = _genuine_proof(["a", "b"], 1, SEED, rerolls=1)
    tampered = dataclasses.replace(proof, drawn=(*proof.drawn, "c"), forfeited=proof.drawn)
    assert verify_proof(tampered) == (
        False,
        "winners differ: the proof lists 3 drawn ids but there are only 2 entrants",
    )


def test_a_reroll_must_replace_an_earlier_forfeit() -> None:
    proof = _genuine_proof([f"user{i}" for i in range(25)], 3, SEED, rerolls=1)
    assert verify_proof(proof)[0]
    # Same ids, but the only forfeit is the re-rolled one: the re-roll replaced nobody.
    ok, message = verify_proof(dataclasses.replace(proof, forfeited=proof.drawn[3:]))
    assert not ok
    assert (
        message
        == f"count inconsistent: re-roll #1 ({proof.drawn[3]!r}) replaces no forfeited winner"
    )


def test_the_verdict_ignores_display_names_and_settings() -> None:
    proof = _genuine_proof([f"user{i}" for i in range(25)], 3, SEED)
    other = dataclasses.replace(proof, names={"user1": "改了名"}, settings={}, title="x")
    assert verify_proof(other) == verify_proof(proof)


def _proof_dict() -> dict[str, object]:
    return json.loads(_genuine_proof(["a", "b", "c"], 1, SEED).to_json())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json {", "not JSON"),
        (b"\xff\xfe garbage", "not JSON"),
        ("[1, 2]", "a proof is a JSON object"),
        (json.dumps({**_proof_dict(), "format_version": 2}), "unsupported proof format version 2"),
        (json.dumps({**_proof_dict(), "algorithm": "mt19937"}), "unknown draw algorithm"),
        (
            json.dumps({k: v for k, v in _proof_dict().items() if k != "seed"}),
            "missing field(s): seed",
        ),
        (json.dumps({**_proof_dict(), "winners": ["a"]}), "unknown field(s): winners"),
        (json.dumps({**_proof_dict(), "seed": "xyz"}), "seed is not valid hex"),
        (json.dumps({**_proof_dict(), "commitment": "abcd"}), "commitment is not valid hex"),
        (json.dumps({**_proof_dict(), "count": "3"}), "count must be an integer"),
        (json.dumps({**_proof_dict(), "entrants": "abc"}), "entrants must be a list"),
        (json.dumps({**_proof_dict(), "drawn": [1]}), "an id in drawn must be a string"),
        (
            json.dumps({**_proof_dict(), "drawn_at": "yesterday"}),
            "drawn_at is not an ISO 8601 time",
        ),
        (
            json.dumps({**_proof_dict(), "drawn_at": "2025-01-28T11:05:30"}),
            "drawn_at must carry a time zone",
        ),
        (
            json.dumps({**_proof_dict(), "settings": {"x": float("nan")}}),
            "NaN is not a JSON number",
        ),
        ('{"format_version": 1, "format_version": 1}', "the key 'format_version' appears twice"),
    ],
)
def test_invalid_proof_files_are_refused_with_a_reason(text: str | bytes, message: str) -> None:
    with pytest.raises(ProofFormatError) as caught:
        Proof.from_json(text)
    assert message in str(caught.value)


def test_timestamps_must_be_timezone_aware() -> None:
    with pytest.raises(ProofFormatError, match="created_at must carry a time zone"):
        _genuine_proof(["a"], 1, SEED, created_at=datetime(2025, 1, 28, 19, 0))


# The verify command


def test_cli_verifies_a_genuine_proof(tmp_path: Path) -> None:
    path = tmp_path / "round-2.json"
    proof = _genuine_proof([f"user{i}" for i in range(1234)], 3, SEED, names={"user7": "小明"})
    proof.save(path)
    result = _run_cli("verify", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "OK: 3 winners from 1,234 entrants verified"
    assert lines[1:] == [
        f"  {i}. {winner}" + (" (小明)" if winner == "user7" else "")
        for i, winner in enumerate(proof.winners, start=1)
    ]


def test_cli_fails_a_tampered_proof(tmp_path: Path) -> None:
    path = tmp_path / "round-2.json"
    proof = _genuine_proof([f"user{i}" for i in range(50)], 3, SEED)
    proof.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["drawn"][0] = next(e for e in proof.entrants if e not in proof.drawn)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run_cli("verify", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith("FAILED: winners differ: draw #1")


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01 definitely not a proof \xff",
        b"",
        b'{"format_version": 1, "algorithm": "livedesk-draw-v1"}',
    ],
)
def test_cli_reports_unreadable_files_without_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.json"
    path.write_bytes(content)
    result = _run_cli("verify", str(path))
    assert result.returncode == 2
    assert "is not a valid lottery proof" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_reports_a_missing_file(tmp_path: Path) -> None:
    result = _run_cli("verify", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert "Traceback" not in result.stderr
