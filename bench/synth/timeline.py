"""The history of a synthetic repository: one step per commit, fully determined by a seed.

Steps are data edits (retention up or down, vendors engaged or dropped), editorial edits
(punctuation, letter case: the policy's ``updated`` date moves), material edits (a new
list item or a reworded sentence: a new ``effective`` date 45 days after the commit,
beyond the 30-day notice period) and translators' fixes. Catalogs stay complete.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.synth import catalog, data, policies
from bench.synth import words as w

NOTICE_DAYS = 45
#: (weight, step kind)
KINDS = ((40, "editorial"), (15, "material"), (10, "translation"), (15, "retention"),
         (6, "vendor_add"), (4, "vendor_drop"), (10, "editorial"))


@dataclass(frozen=True)
class Params:
    """What to generate: P policies × L locales × C commits (a seed makes it reproducible)."""

    policies: int = 20
    locales: int = 4
    commits: int = 1000
    sections: int = 8
    seed: int = 1
    start: dt.date = dt.date(2019, 1, 1)


@dataclass
class Step:
    """One commit: its date and message, changed files, and the catalog state if it changed."""

    date: dt.date
    message: str
    files: dict[str, str | bytes]
    entries: tuple[catalog.Entry, ...] | None = None
    fixes: dict[str, dict[str, int]] = field(default_factory=dict)


class State:
    """The repository's sources while the history is written."""

    def __init__(self, params: Params) -> None:
        self.rng = random.Random(params.seed)
        self.locales = list(pseudoless_locales(params.locales))
        ids = policies.policy_ids(params.policies)
        self.policies = [policies.make_policy(self.rng, i, ids, params.sections, params.start)
                         for i in range(params.policies)]
        self.data = data.make_data(self.rng)
        self.fixes: dict[str, dict[str, int]] = {loc: {} for loc in self.locales[1:]}
        self.units: dict[str, list[catalog.Entry]] = {}
        self.interned: dict[catalog.Entry, catalog.Entry] = {}
        self.date = params.start

    def policy_files(self, chosen: list[policies.Policy]) -> dict[str, str]:
        """Sources of ``chosen`` policies; their catalog units are re-extracted."""
        out = {}
        for policy in chosen:
            out[policy.path] = policies.markdown(policy)
            self.units[policy.path] = self._interned(catalog.policy_entries(policy.path, out[policy.path]))
        return out

    def data_files(self) -> dict[str, str]:
        """Every data file; the data's catalog units are re-extracted."""
        out = data.files(self.data)
        self.units["_data"] = self._interned(catalog.data_entries(out, data.SCHEMA))
        return out

    def _interned(self, entries: list[catalog.Entry]) -> list[catalog.Entry]:
        # An unchanged entry is then the same object in every step: writers key on identity.
        return [self.interned.setdefault(entry, entry) for entry in entries]

    def entries(self) -> tuple[catalog.Entry, ...]:
        """The English side of every catalog: policies by path, then data."""
        order = sorted(self.units, key=lambda key: (key == "_data", key))
        return catalog.merge((self.units[key] for key in order), self.interned)


def pseudoless_locales(count: int) -> tuple[str, ...]:
    """The first ``count`` locales the generator knows."""
    from bench.synth.pseudo import LOCALES

    if not 1 <= count <= len(LOCALES):
        raise SystemExit(f"--locales must be between 1 and {len(LOCALES)}")
    return LOCALES[:count]


def first_step(state: State, base_files: dict[str, str | bytes]) -> Step:
    """The initial commit: every file."""
    files = {**base_files, **state.data_files(), **state.policy_files(state.policies)}
    return Step(state.date, "Initial policies", files, state.entries(), dict(state.fixes))


def steps(params: Params, base_files: dict[str, str | bytes]) -> list[Step]:
    """Every commit of the history, oldest first."""
    state = State(params)
    out = [first_step(state, base_files)]
    weights = [k for k, _ in KINDS]
    for i in range(1, params.commits):
        state.date = params.start + dt.timedelta(days=i)
        kind = state.rng.choices([name for _, name in KINDS], weights)[0]
        out.append(ACTIONS[kind](state))
    return out


def _pick_block(state: State, policy: policies.Policy) -> tuple[policies.Section, policies.Block]:
    choices = [(s, b) for s in policy.sections for b in s.blocks if b.kind in ("p", "li")
               and "{{" not in b.text]
    return state.rng.choice(choices)


def editorial(state: State) -> Step:
    """Punctuation or letter case in one block; ``updated`` moves to the commit date."""
    policy = state.rng.choice(state.policies)
    section, block = _pick_block(state, policy)
    block.text = _punctuate(block.text) if state.rng.random() < 0.6 else _recase(block.text)
    policy.updated = max(state.date, policy.effective)
    files = state.policy_files([policy])
    return Step(state.date, f"Editorial: wording style in {policy.id} ({section.anchor})",
                files, state.entries())


def _punctuate(text: str) -> str:
    """A final full stop added or dropped: punctuation the rules prove editorial (a comma may not be)."""
    return text[:-1] if text.endswith(".") else text + "."


def _recase(text: str) -> str:
    parts = text.split(" ")
    i = min(1, len(parts) - 1)
    parts[i] = parts[i][:1].swapcase() + parts[i][1:]
    return " ".join(parts)


def material(state: State) -> Step:
    """A new list item (a new purpose) or a reworded sentence; a new effective date."""
    policy = state.rng.choice(state.policies)
    section, block = _pick_block(state, policy)
    if state.rng.random() < 0.5:
        item = f"We also collect {' '.join(w.words(state.rng, 3))} data for {w.sentence(state.rng, 4, 8)}"
        section.blocks.insert(section.blocks.index(block) + 1, policies.Block("li", item))
    else:
        parts = block.text.split(" ")
        parts[len(parts) // 2] = state.rng.choice(w.WORDS)
        block.text = " ".join(parts)
    _new_version(state, [policy])
    files = state.policy_files([policy])
    return Step(state.date, f"Material: new terms in {policy.id} ({section.anchor})", files, state.entries())


def _new_version(state: State, chosen: list[policies.Policy]) -> None:
    effective = state.date + dt.timedelta(days=NOTICE_DAYS)
    for policy in chosen:
        policy.effective = policy.updated = effective


def translation(state: State) -> Step:
    """A translator improves one entry in one locale."""
    if len(state.locales) < 2:
        return editorial(state)
    locale = state.rng.choice(state.locales[1:])
    msgid = state.rng.choice(state.entries())[0]
    fixes = state.fixes[locale] = {**state.fixes[locale], msgid: state.fixes[locale].get(msgid, 0) + 1}
    return Step(state.date, f"Translation ({locale}): better wording", {}, None, {locale: fixes})


def retention(state: State) -> Step:
    """A retention period one step longer (material) or shorter (editorial)."""
    key = state.rng.choice(policies.RETENTION_KEYS)
    step = state.data.retention[key]
    longer = step == 0 or (step < len(data.LADDER) - 1 and state.rng.random() < 0.5)
    state.data.retention[key] = step + (1 if longer else -1)
    files = state.data_files()
    if longer:
        users = [p for p in state.policies if key in p.retention]
        _new_version(state, users)
        files.update(state.policy_files(users))
    verdict = "longer" if longer else "shorter"
    return Step(state.date, f"Data: {key} retention {verdict}", files, state.entries())


def vendor_add(state: State) -> Step:
    """A new sub-processor: material for the policies that list vendors."""
    data.add_vendor(state.rng, state.data)
    users = [p for p in state.policies if p.vendors]
    _new_version(state, users)
    files = {**state.data_files(), **state.policy_files(users)}
    return Step(state.date, f"Data: new sub-processor {state.data.vendors[-1]['name']}", files,
                state.entries())


def vendor_drop(state: State) -> Step:
    """A sub-processor removed (editorial); at least two stay."""
    if len(state.data.vendors) <= 2:
        return vendor_add(state)
    gone = state.data.vendors.pop(state.rng.randrange(len(state.data.vendors)))
    return Step(state.date, f"Data: {gone['name']} no longer used", state.data_files(), state.entries())


ACTIONS: dict[str, Callable[[State], Step]] = {
    "editorial": editorial, "material": material, "translation": translation,
    "retention": retention, "vendor_add": vendor_add, "vendor_drop": vendor_drop,
}
