"""Long blocks are diffed with their common head and tail set aside: still a correct, minimal-looking diff."""

from __future__ import annotations

import random

from redline.diff.words import WHOLE_UP_TO, opcodes, word_diff


def apply(a: list[str], b: list[str], codes: list[tuple[str, int, int, int, int]]) -> list[str]:
    """Rebuild ``b`` from ``a`` and the opcodes (each run of ``a`` equal, or replaced from ``b``)."""
    out: list[str] = []
    for tag, i1, i2, j1, j2 in codes:
        out += a[i1:i2] if tag == "equal" else b[j1:j2]
    return out


def test_opcodes_of_long_sequences_rebuild_the_new_one() -> None:
    """For long token lists (past the whole-match size) the opcodes cover both lists in order."""
    rng = random.Random(7)
    for _ in range(50):
        a = [rng.choice("abcde") for _ in range(rng.randint(600, 900))]
        b = list(a)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.choice("xyz")
        assert len(a) * len(b) > WHOLE_UP_TO
        codes = opcodes(a, b)
        assert apply(a, b, codes) == b
        assert [c[1] for c in codes] == sorted(c[1] for c in codes) and codes[-1][2] == len(a)


def test_one_word_changed_in_a_long_paragraph_is_one_change() -> None:
    """A word changed in 2,000 words is reported as that word, as for a short paragraph."""
    words = [f"w{i % 37}" for i in range(2000)]
    changed = list(words)
    changed[1000] = "never"
    segments = word_diff(" ".join(words), " ".join(changed))
    assert [s for s in segments if s[0] != "equal"] == [("delete", words[1000]), ("insert", "never")]
