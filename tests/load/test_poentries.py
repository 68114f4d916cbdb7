"""A catalog read from the version read before it gives what reading it whole chunk by chunk gives."""

from __future__ import annotations

import random

import redline.load.poentries as poentries
from redline.load.poentries import read_entries, read_messages

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"'


def _entry(number: int, variant: int = 0) -> str:
    text = f"Texto {number} versión {variant}."
    brand = "{{ company.brand }}"
    return f'#: policies/p.md:{number}\nmsgid "Source {number} {brand}."\nmsgstr "{text} {brand}"'


def _edit(chunks: list[str], rng: random.Random, counter: list[int]) -> None:
    """One random edit of the kinds a history holds (and some a reader must refuse)."""
    kind = rng.choice(["string", "lines", "add", "remove", "fuzzy", "script", "placeholder", "duplicate",
                       "dangling", "dangling-end", "header", "restore"])
    at = rng.randrange(1, len(chunks)) if len(chunks) > 1 else 1
    counter[0] += 1
    if kind == "string" and len(chunks) > 1:
        chunks[at] = chunks[at].replace("versión", f"v{counter[0]}")
    elif kind == "lines" and len(chunks) > 1:
        chunks[at] = chunks[at].replace('msgstr "', 'msgstr ""\n"', 1)
    elif kind == "add":
        chunks.insert(at, _entry(1000 + counter[0]))
    elif kind == "remove" and len(chunks) > 2:
        del chunks[at]
    elif kind == "fuzzy" and len(chunks) > 1:
        chunks[at] = "#, fuzzy\n" + chunks[at]
    elif kind == "script" and len(chunks) > 1:
        chunks[at] = chunks[at].replace("Texto", "<script>x</script> Texto")
    elif kind == "placeholder" and len(chunks) > 1:
        chunks[at] = chunks[at].replace("{{ company.brand }}\"", "\"")
    elif kind == "duplicate" and len(chunks) > 1:
        chunks.insert(at, chunks[at])
    elif kind == "dangling":
        chunks.insert(at, "# a comment left alone")
    elif kind == "dangling-end":
        chunks.append("#: a dangling reference")
    elif kind == "header":
        chunks[0] = chunks[0].replace("es", "es_ES", 1)
    elif kind == "restore":
        chunks[:] = [HEADER, *(_entry(n) for n in range(1, 30))]


def _reference(raw: bytes) -> object:
    """What the whole file read chunk by chunk gives: entries, lines, flags (None: read whole)."""
    messages = read_messages(raw, "es")
    if messages is None:
        return None
    return {msgid: (string, fuzzy, line, differs) for msgid, string, fuzzy, line, differs in messages}


def _incremental(raw: bytes) -> object:
    found = read_entries(raw, "locales/es/LC_MESSAGES/messages.po", "es")
    if found is None:
        return None
    return {msgid: (entry.string, entry.fuzzy, entry.line, found.flagged.get(msgid, (None, False))[1])
            for msgid, entry in found.entries.items()}


def test_every_version_read_from_the_one_before_equals_the_whole_reading() -> None:
    """400 random edits (strings, new lines, entries added, removed, duplicated, dangling comments,
    scripts): in history order and then in random order, each read equals the full reading."""
    rng = random.Random(7)
    chunks = [HEADER, *(_entry(n) for n in range(1, 30))]
    counter = [0]
    versions = []
    for _ in range(400):
        _edit(chunks, rng, counter)
        versions.append("\n\n".join(chunks).encode() + b"\n")
    poentries._LAST.clear()
    order = [*range(len(versions)), *rng.sample(range(len(versions)), len(versions))]
    refused = 0
    for index in order:
        raw = versions[index]
        expected = _reference(raw)
        refused += expected is None
        assert _incremental(raw) == expected, index
    assert 0 < refused < len(order)  # both kinds of version were met


def test_a_script_is_flagged_where_it_now_stands() -> None:
    """An entry with a script keeps its flag, at its new line, when entries are added above it."""
    poentries._LAST.clear()
    path = "locales/es/LC_MESSAGES/messages.po"
    first = [HEADER, _entry(1), _entry(2).replace("Texto", "<script>x</script>")]
    read_entries("\n\n".join(first).encode(), path, "es")
    second = [HEADER, _entry(1), _entry(5), _entry(6), first[2]]
    found = read_entries("\n\n".join(second).encode(), path, "es")
    assert found is not None
    [(msgid, (label, _))] = found.flagged.items()
    assert label == "raw <script> tag"
    assert found.entries[msgid].line == 19  # its msgid line: 4 of header, 3 lines and a blank each above
