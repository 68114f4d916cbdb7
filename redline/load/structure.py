"""What a translation must keep of its source block: blocks, table cells, links, and no hiding markup.

A catalog entry is one block. Its msgstr may reorder words but not the block's
structure: a blank line or a ``## `` adds a paragraph or a heading the source does not
have, a table row with one cell less drops a column on the translated page (a consent
column, say), a link less drops a way to exercise a right. Markup that can hide or
restyle words is refused in policy text and in translations alike: inline HTML with
``class``, ``style``, ``hidden``..., HTML comments (``<!-- No -->`` hides the word from
readers), and attribute lists other than ``{ #id }`` (``{ .md-toggle }`` hides a block).
What a reader sees must be what the words say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from redline.blocks import PROSE_KINDS, Block

CODE_SPAN_RE = re.compile(r"(`+).+?\1")
PIPE_RE = re.compile(r"(?<!\\)\|")
LINK_RE = re.compile(r"\]\(|\]\[|<(?:https?|mailto):|<a(?=[\s>/])", re.IGNORECASE)
#: An HTML comment, declaration or processing instruction: the browser shows none of its words.
COMMENT_RE = re.compile(r"<!--|<![A-Za-z\[]|<\?[A-Za-z]")
#: A Markdown attribute list (``{ #id }``, ``{: .class }``, ``{ key=value }``); Jinja's ``{{ }}``,
#: ``{% %}`` and ``{# #}`` are not one.
ATTR_LIST_RE = re.compile(
    r"(?<![{%#])\{:?[ \t]*((?:#[\w-]|\.|[A-Za-z_][\w-]*[ \t]*=)[^{}]{0,300}?)(?<!#)\}(?!\})")
#: A character every construct counted below needs (pipes, links, tags and comments, ``{``).
MARKUP_RE = re.compile(r"[|\]<{]")
ID_TOKEN_RE = re.compile(r"#[A-Za-z][\w:.-]*")
#: A Jinja comment: a translation is run as a template, so ``{# No #}`` would hide the word.
JINJA_COMMENT_RE = re.compile(r"\{#.*?#\}", re.DOTALL)
#: Attributes that can hide, show or restyle words; refused on any tag in policy text.
RESTYLING_ATTRIBUTES = ("class", "style", "hidden", "aria-hidden")
#: Tags (with these attributes only) policy text may use: the allow-list.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "id", "name", "title"}),
    "abbr": frozenset({"title"}),
    **{tag: frozenset() for tag in ("b", "strong", "i", "em", "u", "sup", "sub", "br", "code", "small")},
}
TAG_RE = re.compile(r"<([A-Za-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
ATTRIBUTE_RE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")


@dataclass(frozen=True)
class Structure:
    """The countable structure of one block's text."""

    cells: int
    links: int


def structure(text: str) -> Structure:
    """Count a block's table-cell separators and links (code spans aside).

    >>> structure("Analytics | [Acme](https://acme.example) | `a|b` | opt-in")
    Structure(cells=3, links=1)
    """
    bare = CODE_SPAN_RE.sub("", text)
    return Structure(len(PIPE_RE.findall(bare)), len(LINK_RE.findall(bare)))


def structure_differs(msgid: str, msgstr: str) -> str | None:
    """Say how a translation breaks its block's structure, or None.

    >>> structure_differs("A | B | C", "A | B C")
    'has 2 table cells where the source has 3'
    >>> structure_differs("see [x](u)", "voir x") , structure_differs("a | b", "c | d")
    ('has 0 links where the source has 1', None)
    >>> structure_differs("We sell.", "<!-- No --> vendemos.")
    "uses an HTML comment ('<!--') (it can hide words from readers)"
    """
    blocks = _blocks_differ(msgid, msgstr)
    if blocks:
        return blocks
    added = _added_construct(msgid, msgstr) if "]" in msgstr or "\n" in msgstr else None
    if added:
        return f"uses {added} the source does not have (the page would not show it as a sentence)"
    if not (MARKUP_RE.search(msgid) or MARKUP_RE.search(msgstr)):
        return None  # no cell, link, comment, tag or attribute list in either: nothing to count
    want, got = structure(msgid), structure(msgstr)
    if want.cells != got.cells:
        return f"has {got.cells + 1} table cells where the source has {want.cells + 1}"
    if want.links != got.links:
        return f"has {got.links} links where the source has {want.links}"
    comments = sorted(JINJA_COMMENT_RE.findall(msgstr))
    if comments != sorted(JINJA_COMMENT_RE.findall(msgid)):
        shown = ", ".join(f"'{c}'" for c in comments) or "none"
        return f"has Jinja comments ({shown}) the source does not have (they hide words from readers)"
    hidden = next(hiding_markup(msgstr), None)
    if hidden:
        return f"uses {hidden} (it can hide words from readers)"
    hiding = next(restyling_tags(msgstr), None)
    if hiding:
        return f"uses {hiding} (it can hide or restyle words)"
    ids, source_ids = _id_lists(msgstr), _id_lists(msgid)
    if ids != source_ids:
        return f"has attribute lists {ids or '(none)'} where the source has {source_ids or '(none)'}"
    return None


def _blocks_differ(msgid: str, msgstr: str) -> str | None:
    """A translation with more or fewer blocks than its source, or a heading the source does not have.

    >>> _blocks_differ("We do not sell.", "No vendemos.\\n\\n## Nueva { #sharing }")
    'has 2 blocks (paragraph, heading) where the source has 1 (paragraph)'
    >>> _blocks_differ("Data.", "## Datos")
    'is a level-2 heading where the source is not a heading'
    """
    from redline.blocks import split_blocks

    if _one_plain_block(msgid) and _one_plain_block(msgstr):
        return None  # most entries: splitting would find one block, no heading, in each
    want, got = split_blocks(msgid), split_blocks(msgstr)
    if len(want) != len(got):
        return (f"has {len(got)} blocks ({', '.join(b.kind for b in got)}) where the source has "
                f"{len(want)} ({', '.join(b.kind for b in want)})")
    for source, block in zip(want, got, strict=True):
        if block.kind == "heading" and (source.kind, source.level, source.anchor) != (
                block.kind, block.level, block.anchor):
            was = f"a level-{source.level} heading" if source.kind == "heading" else "not a heading"
            return f"is a level-{block.level} heading where the source is {was}"
    return None


def _added_construct(msgid: str, msgstr: str) -> str | None:
    """A construct ``check`` refuses in policy text that a translation adds (see LINE_CONSTRUCTS).

    >>> _added_construct("We keep logs.", "Guardamos registros[^1].")
    'a footnote'
    >>> _added_construct("See [a][b].", "Ver [a][b].") is None
    True
    """
    for pattern, what, _ in LINE_CONSTRUCTS:
        counts = [sum(len(pattern.findall(CODE_SPAN_RE.sub("", line))) for line in text.splitlines())
                  for text in (msgid, msgstr)]
        if counts[1] > counts[0]:
            return what.split(" (")[0]
    return None


def _one_plain_block(text: str) -> bool:
    """One line that is no heading and no quote: exactly one block that is not a heading.

    >>> _one_plain_block("We sell."), _one_plain_block("## T"), _one_plain_block("a\u2028b")
    (True, False, False)
    """
    lines = text.splitlines()
    return len(lines) == 1 and bool(lines[0].strip()) and not lines[0].lstrip().startswith(("#", ">"))


def _id_lists(text: str) -> list[str]:
    """The attribute lists of ``text``, sorted: a translation keeps the source's ``{ #id }``."""
    return sorted(m.group(0) for m in ATTR_LIST_RE.finditer(CODE_SPAN_RE.sub("", text)))


#: embeddings and overrides (LRE, RLE, PDF, LRO, RLO): the browser shows the words in another order
#: than they are written and compared ("Trojan Source"); marks (LRM, RLM) and isolates stay allowed
BIDI_CONTROL_RE = re.compile("[\u202a-\u202e]")


def hiding_markup(text: str) -> Iterator[str]:
    """HTML comments, and attribute lists carrying more than an id: both can hide words.

    >>> list(hiding_markup("We do <!-- not --> sell *really*{ .md-toggle } {{ x }} {# n #} ## T { #t }"))
    ["an HTML comment ('<!--')", "the attribute list '{ .md-toggle }'"]
    """
    bare = CODE_SPAN_RE.sub("", text)
    for match in BIDI_CONTROL_RE.finditer(text):
        yield f"a bidirectional control character (U+{ord(match.group(0)):04X})"
    for match in COMMENT_RE.finditer(bare):
        kind = "an HTML comment" if match.group(0) == "<!--" else "an HTML declaration"
        yield f"{kind} ('{match.group(0)}')"
    for match in ATTR_LIST_RE.finditer(bare):
        if not all(ID_TOKEN_RE.fullmatch(token) for token in match.group(1).split()):
            yield f"the attribute list '{match.group(0)}'"


def restyling_tags(text: str) -> Iterator[str]:
    """Inline HTML tags outside the allow-list, or with an attribute that can hide or restyle words.

    >>> list(restyling_tags('We do <span class="md-toggle">not</span> sell <b>your</b> data.'))
    ['<span class="md-toggle">']
    """
    for match in TAG_RE.finditer(CODE_SPAN_RE.sub("", text)):
        tag = match.group(1).lower()
        names = {m.group(1).lower() for m in ATTRIBUTE_RE.finditer(match.group(2))}
        allowed = ALLOWED_TAGS.get(tag)
        if allowed is None or names - allowed or names & set(RESTYLING_ATTRIBUTES):
            yield match.group(0)


HTML_BLOCK_FIX = ("write it as Markdown (a paragraph, **bold**, a list, a table): an HTML block's "
                  "words are neither translated nor compared sentence by sentence")


def markup_problems(blocks: tuple[Block, ...], path: str) -> Iterator[tuple[str, str, str]]:
    """(where, what, fix) for each block whose inline HTML is not on the allow-list, and each
    HTML block (a comment alone is reported as a comment, by :func:`construct_problems`)."""
    for block in blocks:
        if block.kind == "html" and not block.text.lstrip().startswith("<!--"):
            first = block.text.strip().splitlines()[0]
            yield (f"{path}:{block.line}", f"an HTML block ({_short(first)}) is not read as policy text",
                   HTML_BLOCK_FIX)
        if block.kind not in PROSE_KINDS:
            continue
        for tag in restyling_tags(block.text):
            yield (
                f"{path}:{block.line}",
                f"inline HTML {tag} is not allowed in policy text (it can hide or restyle words)",
                "write it as Markdown (**bold**, *italic*, [link](url)); allowed tags: "
                + ", ".join(sorted(ALLOWED_TAGS)) + ", without class, style or hidden",
            )


COMMENT_FIX = "remove it: write the words readers should read; notes for editors belong in the commit message"
BIDI_FIX = ("delete the invisible character: it shows the words in another order than they are written; "
            "for right-to-left text use the marks U+200E/U+200F or the isolates U+2066-U+2069")
ATTR_LIST_FIX = ("keep only an id ({ #id }): a class, style or other key can hide words; "
                 "style belongs in the theme")


def hiding_fix(hiding: str) -> str:
    """How to fix one finding of :func:`hiding_markup`."""
    if hiding.startswith("a bidirectional"):
        return BIDI_FIX
    return COMMENT_FIX if hiding.startswith("an HTML") else ATTR_LIST_FIX
FENCE_LINE_RE = re.compile(r"^[ \t]*(```|~~~)")
CONTAINER_RE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|^(?:!!!|\?\?\?\+?)[ \t]|^[ \t]{4}|^\t")
FOOTNOTE_RE = re.compile(r"\[\^[^\]]+\]")
#: A definition list's definition line (``def_list``): ``:`` and a space at the start.
DEFINITION_RE = re.compile(r"^ {0,3}:[ \t]+\S")
#: An abbreviation definition (``abbr``): ``*[HTML]: Hypertext Markup Language``.
ABBREVIATION_RE = re.compile(r"^ {0,3}\*\[[^\]]+\]:")
#: A reference-style link: its definition line (``[ref]: url``) or its use (``[text][ref]``).
REFERENCE_DEF_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S")
REFERENCE_USE_RE = re.compile(r"\]\[[^\]]*\]")
#: What construct_problems refuses on a line outside code: (pattern, what, fix).
LINE_CONSTRUCTS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (FOOTNOTE_RE, "a footnote ('[^…]') is not read as policy text: the page would show it as written, "
                  "or move its words away from their sentence",
     "write the note as a sentence, or link to a section"),
    (DEFINITION_RE, "a definition list (a line starting with ': ') is not read as policy text: "
                    "a translation, one line per block, would lose the list",
     "write 'Term: definition' on one line, or a list item '- **Term**: definition'"),
    (ABBREVIATION_RE, "an abbreviation definition ('*[…]: …') is not read as policy text: the page "
                      "would show it as written, or hide its words in a tooltip",
     "write the term out where it is first used, e.g. 'Hypertext Markup Language (HTML)'"),
    (REFERENCE_DEF_RE, "a reference-style link definition ('[ref]: url') is not read as policy text: "
                       "the diff and the translation check would not see where its links go",
     "write the link inline, [text](url), and remove the definition line"),
    (REFERENCE_USE_RE, "a reference-style link ('[text][ref]') is not read as one link",
     "write the link inline: [text](url)"),
)


def construct_problems(body: str, first_line: int, path: str) -> Iterator[tuple[str, str, str]]:
    """(where, what, fix) for Markdown constructs the diff cannot read and the site would show
    differently: an indented code block, a footnote, a definition list, an abbreviation, a
    reference-style link, an HTML comment or an attribute list with a class, style or other
    key (they hide words). The first refusal of a line is reported."""
    fenced, previous = False, ""
    for offset, line in enumerate(body.splitlines()):
        where = f"{path}:{first_line + offset}"
        if not fenced and not FENCE_LINE_RE.match(line):
            for hiding in hiding_markup(line):
                yield (where, f"{hiding} is not allowed in policy text (it can hide words from readers)",
                       hiding_fix(hiding))
        if FENCE_LINE_RE.match(line):
            fenced = not fenced
        elif not fenced and line.strip() and not previous.strip() and line.expandtabs(4).startswith("    "):
            if not _inside_container(body.splitlines()[:offset]):
                yield (where, "an indented code block (four spaces) is not read as policy text",
                       "remove the indentation, or use a fenced code block (```)")
        elif not fenced:
            bare = CODE_SPAN_RE.sub("", line)
            found = next(((what, fix) for pattern, what, fix in LINE_CONSTRUCTS if pattern.search(bare)),
                         None)
            if found:
                yield (where, *found)
        previous = line


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _inside_container(before: list[str]) -> bool:
    """True when the last non-blank line above opens or continues a list item or admonition."""
    for line in reversed(before):
        if line.strip():
            return bool(CONTAINER_RE.match(line))
    return False


def structure_fix(broken: str) -> str:
    """How to fix what :func:`structure_differs` said of a translation."""
    if "bidirectional" in broken:
        return BIDI_FIX
    if "comment" in broken or "HTML declaration" in broken:
        return COMMENT_FIX
    if "attribute list" in broken:
        return ATTR_LIST_FIX if broken.startswith("uses") else "keep the source's { #id } as is; add none"
    if "the source does not have (the page" in broken:
        return "translate the words only: write the note, term or link as the source block does"
    if "block" in broken or "heading" in broken:
        return ("keep the block as one block: no blank line, heading or HTML block of its own "
                "(a new section belongs in the English source)")
    return "keep the source block's table cells (|) and links; style belongs in the theme"
