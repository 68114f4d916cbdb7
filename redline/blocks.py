"""Split Markdown (plain or templated) into blocks: the unit of translation and of diffing.

A block is one heading, paragraph, list item or table row. Its ``text`` is what a
translator sees: structural markers (``## ``, ``- ``, ``{ #id }``, outer table pipes)
are kept apart in ``prefix`` / ``suffix`` so they never enter a catalog, and wrapped
lines are joined with one space so re-wrapping a paragraph never changes its text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "row", "rule", "code", "html", "stmt", "admonition"]

#: Kinds whose text is natural language (translated, compared word by word). An
#: admonition's text is its title (``!!! note "Title"``); its body is blocks of their own.
PROSE_KINDS: frozenset[str] = frozenset({"heading", "paragraph", "item", "row", "admonition"})

HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]*\{:?[ \t]*#([A-Za-z][\w-]*)[^}]*\})?[ \t]*#*[ \t]*$")
ITEM_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
ROW_RE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
RULE_ROW_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
STMT_RE = re.compile(r"^[ \t]*\{%-?.*-?%\}[ \t]*$")
COMMENT_RE = re.compile(r"^[ \t]*\{#.*#\}[ \t]*$")
HTML_START_RE = re.compile(r"^[ \t]*<(!--|[A-Za-z/])")
HR_RE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
ADMONITION_RE = re.compile(r'^(!!!|\?\?\?\+?)[ \t]+([\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*?)")?[ \t]*$')
QUOTE_RE = re.compile(r"^[ \t]{0,3}>[ \t]?")
#: A table's delimiter row, with or without outer pipes (at least one pipe or two columns).
DELIMITER_RE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$|^[ \t]*\|[ \t]*:?-+:?[ \t]*\|?[ \t]*$"
)
CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Block:
    """One Markdown block.

    Attributes:
        kind: heading, paragraph, item, row (prose); rule, code, html, stmt (structure).
        text: the block's words without structural markers, wrapped lines joined.
        line: 1-based line of the block's first line in its source.
        prefix: markers before the text (``## ``, ``  - ``); empty for paragraphs.
        suffix: markers after the text (`` { #id }`` for headings).
        level: heading level, or list indentation depth (0 for top level).
        anchor: the explicit ``{ #id }`` of a heading, if any.
    """

    kind: BlockKind
    text: str
    line: int
    prefix: str = ""
    suffix: str = ""
    level: int = 0
    anchor: str | None = None

    def markdown(self, text: str | None = None) -> str:
        """Return the block as Markdown, optionally with ``text`` in place of its own."""
        return f"{self.prefix}{self.text if text is None else text}{self.suffix}"


def split_blocks(source: str) -> list[Block]:
    """Split Markdown into blocks.

    >>> [(b.kind, b.text) for b in split_blocks("# Title { #t }\\n\\nOne\\ntwo.\\n\\n- a\\n- b")]
    [('heading', 'Title'), ('paragraph', 'One two.'), ('item', 'a'), ('item', 'b')]
    """
    return list(_split(source))


@functools.lru_cache(maxsize=256)
def _split(source: str) -> tuple[Block, ...]:
    # A comparison reads each rendering twice (its sections, its diff): split it once.
    return tuple(_iter_blocks(source.splitlines()))


def _iter_blocks(lines: list[str]) -> Iterator[Block]:
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if QUOTE_RE.match(line):
            blocks, i = _read_quote(lines, i)
            yield from blocks
            continue
        if ADMONITION_RE.match(line):
            blocks, i = _read_admonition(lines, i)
            yield from blocks
            continue
        block, i = _read_block(lines, i)
        yield block


def _read_quote(lines: list[str], i: int) -> tuple[list[Block], int]:
    """A blockquote: its lines without ``>``, read as Markdown, each block prefixed ``> ``
    (a line without ``>`` right after quoted text continues it, as in Python-Markdown)."""
    inner: list[str] = []
    j = i
    while j < len(lines) and (QUOTE_RE.match(lines[j]) or (lines[j].strip() and inner and inner[-1].strip())):
        inner.append(QUOTE_RE.sub("", lines[j], count=1))
        j += 1
    return [_nest(block, "> ", i) for block in split_blocks("\n".join(inner))], j


def _read_admonition(lines: list[str], i: int) -> tuple[list[Block], int]:
    """An admonition (``!!! note "Title"`` and a body indented by four spaces): the title is
    one block, the body's blocks follow, each prefixed with the indentation."""
    match = ADMONITION_RE.match(lines[i])
    assert match is not None
    marker, kinds, title = match.group(1), match.group(2), match.group(3) or ""
    head = Block("admonition", title, i + 1, f'{marker} {kinds} "', '"')
    j = i + 1
    body: list[str] = []
    while j < len(lines) and (not lines[j].strip() or lines[j].expandtabs(4).startswith("    ")):
        body.append(lines[j].expandtabs(4)[4:])
        j += 1
    while body and not body[-1].strip():
        body.pop()
        j -= 1
    return [head, *(_nest(block, "    ", i + 1) for block in split_blocks("\n".join(body)))], j


def _nest(block: Block, prefix: str, offset: int) -> Block:
    return Block(block.kind, block.text, block.line + offset, prefix + block.prefix, block.suffix,
                 block.level, block.anchor)


def _read_block(lines: list[str], i: int) -> tuple[Block, int]:
    line, number = lines[i], i + 1
    if FENCE_RE.match(line):
        return _read_fence(lines, i)
    if STMT_RE.match(line) or COMMENT_RE.match(line):
        return Block("stmt", line.strip(), number), i + 1
    if i + 1 < len(lines) and "|" in line and DELIMITER_RE.match(lines[i + 1]) and not ROW_RE.match(line):
        return _row(line, number), i + 1
    heading = HEADING_RE.match(line)
    if heading:
        return _heading(heading, number), i + 1
    delimiter = DELIMITER_RE.match(line) and i > 0 and "|" in lines[i - 1]
    if (RULE_ROW_RE.match(line) and "|" in line) or delimiter or HR_RE.match(line):
        return Block("rule", line.strip(), number), i + 1
    if ROW_RE.match(line) or (RULE_ROW_RE.match(line) is None and _in_table(lines, i)):
        return _row(line, number), i + 1
    item = ITEM_RE.match(line)
    if item:
        return _read_item(lines, i, item)
    if HTML_START_RE.match(line):
        return _read_until_blank(lines, i, "html")
    return _read_until_blank(lines, i, "paragraph")


def _setext(title: str, underline: str, number: int) -> Block:
    """A heading underlined with ``===`` (level 1) or ``---`` (level 2)."""
    match = HEADING_RE.match(f"# {title}")
    anchor = match.group(3) if match else None
    text = match.group(2).strip() if match else title
    suffix = (f" {{ #{anchor} }}" if anchor else "") + "\n" + underline.strip()
    return Block("heading", text, number, "", suffix, 1 if underline.strip()[0] == "=" else 2, anchor)


def _heading(match: re.Match[str], number: int) -> Block:
    hashes, title, anchor = match.group(1), match.group(2).strip(), match.group(3)
    suffix = f" {{ #{anchor} }}" if anchor else ""
    return Block("heading", title, number, f"{hashes} ", suffix, len(hashes), anchor)


def _row(line: str, number: int) -> Block:
    cells = [cell.strip() for cell in CELL_SPLIT_RE.split(_outer_pipes_off(line.strip()))]
    return Block("row", " | ".join(cells), number, "| ", " |")


def _outer_pipes_off(line: str) -> str:
    line = line[1:] if line.startswith("|") else line
    return line[:-1] if line.endswith("|") and not line.endswith("\\|") else line


def _in_table(lines: list[str], i: int) -> bool:
    """A line with a pipe in a table whose delimiter row is above it, no blank line between."""
    if "|" not in lines[i]:
        return False
    j = i - 1
    while j >= 0 and lines[j].strip() and "|" in lines[j]:
        if DELIMITER_RE.match(lines[j]):
            return j >= 1 and "|" in lines[j - 1]
        j -= 1
    return False


def _read_item(lines: list[str], i: int, match: re.Match[str]) -> tuple[Block, int]:
    indent, bullet, first = match.group(1), match.group(2), match.group(3)
    parts, j = [first.strip()], i + 1
    while j < len(lines) and _continues(lines[j], len(indent)):
        parts.append(lines[j].strip())
        j += 1
    level = len(indent.expandtabs(4)) // 2
    return Block("item", " ".join(parts), i + 1, f"{indent}{bullet} ", "", level), j


def _continues(line: str, indent: int) -> bool:
    if not line.strip() or ITEM_RE.match(line) or STMT_RE.match(line) or HEADING_RE.match(line):
        return False
    return len(line) - len(line.lstrip()) > indent or not ROW_RE.match(line)


def _read_until_blank(lines: list[str], i: int, kind: BlockKind) -> tuple[Block, int]:
    parts, j = [lines[i].strip()], i + 1
    while j < len(lines) and lines[j].strip() and not _starts_block(lines[j]):
        # Python-Markdown: an underline makes a heading of a one-line paragraph only; under a
        # longer paragraph "---" is a rule and "===" stays text.
        if kind == "paragraph" and SETEXT_RE.match(lines[j]) and len(parts) == 1:
            return _setext(parts[0], lines[j], i + 1), j + 1
        if kind == "paragraph" and HR_RE.match(lines[j]):
            break
        parts.append(lines[j].strip())
        j += 1
    joiner = "\n" if kind == "html" else " "
    return Block(kind, joiner.join(parts), i + 1), j


def _starts_block(line: str) -> bool:
    return bool(
        HEADING_RE.match(line) or ITEM_RE.match(line) or STMT_RE.match(line)
        or FENCE_RE.match(line) or ROW_RE.match(line)
    )


def _read_fence(lines: list[str], i: int) -> tuple[Block, int]:
    fence = FENCE_RE.match(lines[i])
    assert fence is not None
    j = i + 1
    while j < len(lines) and not lines[j].strip().startswith(fence.group(1)):
        j += 1
    return Block("code", "\n".join(lines[i : j + 1]), i + 1), min(j + 1, len(lines))


def join_blocks(blocks: list[tuple[Block, str]]) -> str:
    """Reassemble Markdown from (block, text) pairs, keeping lists and tables tight.

    >>> b = split_blocks("- a\\n- b\\n\\nend")
    >>> join_blocks([(x, x.text.upper()) for x in b])
    '- A\\n- B\\n\\nEND\\n'
    """
    return join_blocks_mapped(blocks)[0]


def join_blocks_mapped(blocks: list[tuple[Block, str]]) -> tuple[str, list[int]]:
    """Like :func:`join_blocks`, also returning the source line of every output line."""
    out: list[str] = []
    lines: list[int] = []
    previous: Block | None = None
    for block, text in blocks:
        if previous is not None and not _tight(previous, block):
            # Two blocks of one blockquote stay in it: the line between them keeps its ">".
            quoted = previous.prefix.startswith(">") and block.prefix.startswith(">")
            out.append(">" if quoted else "")
            lines.append(block.line)
        chunk = block.markdown(text) if block.kind in PROSE_KINDS else text
        for offset, part in enumerate(chunk.split("\n")):
            out.append(part)
            lines.append(block.line + (offset if block.kind in ("code", "html", "stmt") else 0))
        previous = block
    return ("\n".join(out) + "\n" if out else ""), lines


def _tight(a: Block, b: Block) -> bool:
    if a.kind == "stmt" or b.kind == "stmt":
        return a.kind in ("item", "row", "stmt", "rule") and b.kind in ("item", "row", "stmt", "rule")
    return (a.kind, b.kind) in {("item", "item"), ("row", "row"), ("row", "rule"), ("rule", "row")}


_PLACEHOLDER_ONLY_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|[\W\d_]+", re.DOTALL)


def needs_translation(block: Block) -> bool:
    """True for a prose block with words of its own (not only placeholders, digits, marks).

    >>> needs_translation(split_blocks("{{ company.legal_name }}")[0])
    False
    >>> needs_translation(split_blocks("License Number: {{ company.license }}")[0])
    True
    """
    return block.kind in PROSE_KINDS and _has_words(block.text)


@functools.lru_cache(maxsize=16384)
def _has_words(text: str) -> bool:
    # every state of a history asks again about the same blocks
    return bool(_PLACEHOLDER_ONLY_RE.sub("", text).strip())
