"""Parsing once: the chunked catalog reader and the content memo change no result."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from redline.errors import RedlineError
from redline.load import memo, pochunks
from redline.load.catalogs import parse_catalog
from redline.load.poentries import read_messages
from redline.load.posyntax import placeholders, translation_differs
from redline.load.snapshot import MemorySnapshot

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
CASES = {
    "plain": '#: a.md:1\nmsgid "One"\nmsgstr "Uno"\n\n#: a.md:3\nmsgid "Two {{ x }}"\nmsgstr "Dos"\n',
    "fuzzy": '#, fuzzy\nmsgid "One"\nmsgstr "Uno"\n',
    "comment before a blank line": '#, fuzzy\n\nmsgid "One"\nmsgstr "Uno"\n',
    "blank line inside an entry": 'msgid "One"\n\nmsgstr "Uno"\n',
    "continuation after a blank line": 'msgid "One"\nmsgstr "U"\n\n"no"\n',
    "repeated msgid": 'msgid "One"\nmsgstr "Uno"\n\nmsgid "One"\nmsgstr "Otro"\n',
    "obsolete entry": 'msgid "One"\nmsgstr "Uno"\n\n#~ msgid "Old"\n#~ msgstr "Viejo"\n',
    "several blank lines": 'msgid "One"\nmsgstr "Uno"\n\n\n\nmsgid "Two"\nmsgstr "Dos"\n',
    "trailing comment": 'msgid "One"\nmsgstr "Uno"\n\n# the end\n',
    "latin-1 header": 'msgid "One"\nmsgstr "Uno"\n',
    "context, continuations and escapes": ('#: a.md:1\nmsgctxt "k"\nmsgid ""\n"Say \\"hi\\"\\n"\n'
                                           'msgstr "Di \\\\"\n"\\thola"\n'),
    "two entries in one chunk": ('#: a.md:1\nmsgid "One"\nmsgstr "Uno"\n'
                                 '#, fuzzy\n#| msgid "Tw"\nmsgid "Two"\nmsgstr "Dos"\n'),
    "plural": 'msgid "One"\nmsgid_plural "Ones"\nmsgstr[0] "Uno"\nmsgstr[1] "Unos"\n',
    "fuzzy with other flags": '#, python-format, fuzzy\nmsgid "One {{ x }}"\nmsgstr "Uno {{ y }}"\n',
    "whitespace-only line inside": '#: a.md:1\n   \nmsgid "One"\nmsgstr "Uno"\n',
}


def _header(name: str) -> str:
    return HEADER.replace("utf-8", "latin-1") if name.startswith("latin") else HEADER


def _whole(text: str) -> list[tuple[str, str, bool, int, bool]]:
    found = []
    for message in read_po(io.BytesIO(text.encode()), locale="es", abort_invalid=True):
        if message.id and isinstance(message.id, str):
            differs = bool(message.string) and placeholders(message.string) != placeholders(message.id)
            found.append((message.id, message.string, message.fuzzy, message.lineno, differs))
    return found


@pytest.mark.parametrize("name", sorted(CASES))
def test_chunked_reading_equals_reading_the_whole_file(name: str) -> None:
    """Where the chunked reader answers, it answers exactly what Babel does on the whole file."""
    text = _header(name) + CASES[name]
    chunked = read_messages(text.encode(), "es")
    catalog, issues = parse_catalog(text.encode(), "es.po", "es")
    whole = _whole(text)
    assert chunked in (None, whole)
    assert [(m, e.string, e.fuzzy, e.line) for m, e in catalog.entries.items()] == \
        [(m, s, f, line) for m, s, f, line, _ in whole]
    assert [i.where for i in issues] == [f"es.po:{line}" for *_, line, differs in whole if differs]


def test_chunked_reading_declines_what_it_cannot_prove() -> None:
    """Comments or strings that would join the entry across a blank line go to the whole-file reader."""
    declined = {name for name, body in CASES.items()
                if read_messages((_header(name) + body).encode(), "es") is None}
    assert declined == {"comment before a blank line", "blank line inside an entry",
                        "continuation after a blank line", "repeated msgid", "latin-1 header"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_plain_reader_reads_as_babel_does_or_declines(name: str) -> None:
    """Every chunk the fast reader answers for reads exactly as Babel reads that chunk alone."""
    for chunk in (_header(name) + CASES[name]).split("\n\n"):
        plain = pochunks._plain(chunk)
        if plain is not None:
            babel = pochunks._babel(chunk, "es", dangling=False)
            assert babel is not None and babel.messages == plain


def test_the_plain_reader_answers_for_the_common_shapes() -> None:
    """Plain entries (comments, context, continuations, fuzzy) need no Babel catalog of their own."""
    plain = {name for name, body in CASES.items()
             if all(pochunks._plain(chunk) is not None for chunk in body.split("\n\n") if chunk.strip())}
    assert plain == {"plain", "fuzzy", "context, continuations and escapes", "two entries in one chunk",
                     "fuzzy with other flags", "whitespace-only line inside", "repeated msgid",
                     "several blank lines", "trailing comment", "latin-1 header",
                     "comment before a blank line"}
    assert pochunks._plain('msgid "One"\n# note\nmsgstr "Uno"') is None  # Babel: no msgstr


@pytest.mark.parametrize("path", sorted(Path(__file__).parents[2].glob("locales/*/LC_MESSAGES/*.po")),
                         ids=lambda p: p.parent.parent.name)
def test_the_projects_catalogs_read_the_same_chunked(path: Path) -> None:
    """The example's own catalogs: the chunked reader gives what Babel gives on the whole file."""
    raw = path.read_bytes()
    pochunks._MEMO.clear()
    assert read_messages(raw, path.parent.parent.name) == _whole_checked(raw.decode())


def _whole_checked(text: str) -> list[tuple[str, str, bool, int, bool]]:
    return [(m, s, f, line, bool(s) and translation_differs(m, s)) for m, s, f, line, _ in _whole(text)]


def test_memo_hands_out_fresh_containers() -> None:
    """A caller that changes its catalog or issue list changes nobody else's."""
    snapshot = MemorySnapshot({"locales/es/LC_MESSAGES/messages.po": (HEADER + CASES["plain"]).encode()})
    first, issues = memo.catalog(snapshot, "locales", "es")
    first.entries.clear()
    issues.append(issues[0])
    again, issues_again = memo.catalog(snapshot, "locales", "es")
    assert (len(again.entries), len(issues_again)) == (2, 1)


def test_memo_never_remembers_an_error() -> None:
    """A bad file fails every time with its own message, and a fixed one then loads."""
    path = "policies/p.md"
    bad = MemorySnapshot({path: b"---\ntitle: P\n---\n\ntext\n"})
    messages = []
    for _ in range(2):
        with pytest.raises(RedlineError) as error:
            memo.policy(bad, path)
        messages.append(str(error.value))
    fixed = MemorySnapshot({path: b"---\ntitle: P\neffective: 2026-01-01\n---\n\ntext\n"})
    assert messages[0] == messages[1]
    assert memo.policy(fixed, path).id == "p"


def test_a_data_set_that_changed_in_one_file_parses_that_file_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each data file is parsed once per content; the data set is still the one a fresh load gives."""
    from redline.load.data import load_data

    parsed: list[str] = []
    real = memo.parse_document

    def counted(raw: bytes, path: str) -> object:
        parsed.append(path)
        return real(raw, path)

    monkeypatch.setattr(memo, "parse_document", counted)
    files = {"policies/_data/a.yml": b"name: Alpha\n", "policies/_data/b.yml": b"days: 3\n"}
    memo.data(MemorySnapshot(dict(files)), "policies/_data")
    parsed.clear()
    changed = MemorySnapshot({**files, "policies/_data/b.yml": b"days: 4\n"})
    found, issues = memo.data(changed, "policies/_data")
    assert parsed == ["policies/_data/b.yml"]
    assert (found.values, issues) == (load_data(changed, "policies/_data")[0].values, [])


SCHEMA = (b"type: object\nproperties:\n  limits:\n    type: object\n"
          b"    properties:\n      days: {type: integer}\n")


def _fresh_memo() -> None:
    for lru in (memo.DATA, memo.POLICIES, memo.DOCUMENTS):
        lru.items.clear()


def test_a_data_folder_that_passed_its_schema_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pass is remembered by content: the next run on the same files skips jsonschema."""
    from redline.load import data as data_module
    from redline.render.facts import Facts

    facts, checks = Facts(None), []
    real = data_module._validate
    monkeypatch.setattr(data_module, "_validate", lambda *a: checks.append(1) or real(*a))
    files = {"policies/_data/schema.yml": SCHEMA, "policies/_data/limits.yml": b"days: 3\n"}
    for _ in range(2):
        _fresh_memo()
        found, issues = memo.data(MemorySnapshot(dict(files)), "policies/_data", facts)
        assert (found.values, issues) == ({"limits": {"days": 3}}, [])
    assert len(checks) == 1
    assert [key.split(":")[:2] for key in facts.items] == [["schema-valid", "data"]]


def test_a_data_folder_that_failed_is_checked_every_time() -> None:
    """A failure is never remembered: each run reports it with its own message."""
    from redline.render.facts import Facts

    facts = Facts(None)
    files = {"policies/_data/schema.yml": SCHEMA, "policies/_data/limits.yml": b"days: three\n"}
    messages = []
    for _ in range(2):
        _fresh_memo()
        _, issues = memo.data(MemorySnapshot(dict(files)), "policies/_data", facts)
        messages.append([issue.message for issue in issues])
    assert messages[0] == messages[1] and messages[0]
    assert facts.items == {}


def test_front_matter_is_checked_once_per_content() -> None:
    """A policy's front matter pass is remembered by its bytes; other bytes are checked afresh."""
    from redline.render.facts import Facts

    facts = Facts(None)
    path = "policies/p.md"
    good = MemorySnapshot({path: b"---\ntitle: P\neffective: 2026-01-01\n---\n\ntext\n"})
    _fresh_memo()
    assert memo.policy(good, path, facts).title == "P"
    assert len(facts.items) == 1
    bad = MemorySnapshot({path: b"---\ntitle: P\neffective: 2026-01-01\nowner: x\n---\n\ntext\n"})
    _fresh_memo()
    with pytest.raises(RedlineError, match="owner"):
        memo.policy(bad, path, facts)
    assert len(facts.items) == 1
