"""Content lint rules: plain functions over one English policy, listed once in :data:`RULES`.

A rule reads the policy's blocks (the source, placeholders and all, so every finding
names the line an editor edits) and yields :class:`LintFinding` s. The rules look for
what a reviewer would call a slip of the text, not a matter of law: a heading with
nothing under it, a paragraph written twice, a label without its value, a link to a
section that is not there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from redline.blocks import Block, needs_translation
from redline.errors import did_you_mean
from redline.load.catalogs import Catalog
from redline.load.policy import PolicySource


@dataclass(frozen=True)
class LintFinding:
    """One thing a rule found.

    Attributes:
        rule: the rule's name (``empty-heading``), as a silence names it.
        policy: the policy id.
        section: the id of the section the finding is in (its nearest ``{ #id }`` heading).
        where: ``file:line`` (the policy, or a catalog for a translated link).
        subject: what it is about (a heading, a paragraph, a label, a link target).
        message: what is wrong.
        fix: how to put it right.
    """

    rule: str
    policy: str
    section: str
    where: str
    subject: str
    message: str
    fix: str


@dataclass(frozen=True)
class LintContext:
    """What rules may look at besides the policy itself.

    Attributes:
        anchors: policy id → every section id a link may point to, in any locale.
        catalogs: locale → catalog, for links written in translations.
    """

    anchors: Mapping[str, frozenset[str]] = field(default_factory=dict)
    catalogs: Mapping[str, Catalog] = field(default_factory=dict)


Rule = Callable[[PolicySource, LintContext], Iterator[LintFinding]]

LINK_RE = re.compile(r"\]\((?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
PLACEHOLDER_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
#: ``Label: value``, ``**Label:** value`` or ``**Label**: value``; a label is a few words, no sentence.
LABELLED_RE = re.compile(r"^(?:\*\*|__)?(?P<label>[^\W\d_][^:.!?{}\[\]*_]{0,60}?)"
                         r"(?::(?:\*\*|__)|(?:\*\*|__):|:)[ \t]*(?P<value>.*)$")
#: a caption: a few capitalised words on a line of their own ("Registered Address")
CAPTION_RE = re.compile(r"^(?:\*\*)?[A-Z][\w’'&/-]*(?:[ \t]+[\w’'&/-]+){0,4}(?:\*\*)?$")
MAX_LABEL_WORDS = 6


def empty_headings(policy: PolicySource, context: LintContext) -> Iterator[LintFinding]:
    """A heading with no body before the next heading of the same or a higher level.

    >>> found = list(empty_headings(_policy("## A { #a }\\n\\n## B { #b }\\n\\nText."), LintContext()))
    >>> [(f.where, f.section) for f in found]
    [('policies/p.md:5', 'a')]
    """
    blocks, sections = policy.blocks, _sections(policy.blocks)
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        body = _section_body(blocks, index)
        if not any(b.kind != "heading" for b in body):
            yield _finding("empty-heading", policy, block, sections[index], block.text,
                           f"heading '{block.text}' has no text before the next heading of its level",
                           "write the section's text under it, or remove the heading")


def duplicate_paragraphs(policy: PolicySource, context: LintContext) -> Iterator[LintFinding]:
    """A paragraph or list item written word for word a second time in the same policy.

    Lines made only of facts (``{{ company.legal_name }}``) are not counted: repeating a fact
    is what facts are for.
    """
    first: dict[str, Block] = {}
    for block, section in zip(policy.blocks, _sections(policy.blocks), strict=True):
        if block.kind not in ("paragraph", "item") or not needs_translation(block):
            continue
        key = " ".join(block.text.split())
        if key not in first:
            first[key] = block
            continue
        yield _finding("duplicate-paragraph", policy, block, section, key,
                       f"this {_noun(block)} repeats line {first[key].line} word for word: {_short(key)!r}",
                       "delete one of the two, or reword it if both are meant")


def empty_labels(policy: PolicySource, context: LintContext) -> Iterator[LintFinding]:
    """A label ("Contact:", or a caption line such as "Registered Address") whose value is
    another label, or nothing.
    """
    blocks, sections = policy.blocks, _sections(policy.blocks)
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "item"):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        problem = _label_problem(block, following)
        if problem:
            yield _finding("empty-label", policy, block, sections[index], _label_of(block) or block.text,
                           *problem)


def broken_anchors(policy: PolicySource, context: LintContext) -> Iterator[LintFinding]:
    """A link to ``#id`` or ``other.md#id`` where no locale has that section, in the policy or
    in a translation of it.
    """
    sections = _sections(policy.blocks)
    for block, section in zip(policy.blocks, sections, strict=True):
        yield from _broken_links(policy, context, block.text, section, f"{policy.path}:{block.line}")
        for catalog in context.catalogs.values():
            # a fuzzy translation is never published: `check` reports it already
            translated = catalog.lookup(block.text)
            if translated is not None and translated != block.text:
                where = f"{catalog.path}:{catalog.entries[block.text].line}"
                yield from _broken_links(policy, context, translated, section, where, catalog.locale)


#: Every rule, by name: the one place a new rule is listed.
RULES: dict[str, Rule] = {
    "empty-heading": empty_headings,
    "duplicate-paragraph": duplicate_paragraphs,
    "empty-label": empty_labels,
    "broken-anchor": broken_anchors,
}


def anchors_of(policy: PolicySource, catalogs: Sequence[Catalog] = ()) -> frozenset[str]:
    """Every id a link may point to in ``policy``: the ``{ #id }`` of its headings, and the id a
    heading without one gets from its text (in English and in each translation).

    >>> sorted(anchors_of(_policy("## A { #a }\\n\\n## Second Part\\n")))
    ['a', 'second-part']
    """
    found: set[str] = set()
    for block in policy.blocks:
        if block.kind != "heading":
            continue
        if block.anchor:
            found.add(block.anchor)
            continue
        texts = [block.text, *(c.entries[block.text].string for c in catalogs if block.text in c.entries)]
        found.update(slug for slug in map(slugify, texts) if slug)
    return frozenset(found)


def slugify(text: str) -> str:
    """The id Python-Markdown's table of contents gives a heading without ``{ #id }``.

    >>> slugify("10. Cookies & Tracking"), slugify("Права")
    ('10-cookies-tracking', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()
    return re.sub(r"[-\s]+", "-", words)


def _section_body(blocks: Sequence[Block], index: int) -> list[Block]:
    level, body = blocks[index].level, []
    for block in blocks[index + 1:]:
        if block.kind == "heading" and block.level <= level:
            break
        body.append(block)
    return body


def _label_problem(block: Block, following: Block | None) -> tuple[str, str] | None:
    label, value = _labelled(block.text)
    if label is not None and value:
        inner, rest = _labelled(value)
        if inner is not None and not rest:
            return (f"label '{label}:' has another label as its value: '{inner}:'",
                    f"write the value of '{label}' after it, or remove one of the two labels")
        return None
    caption = label is None and block.kind == "paragraph" and bool(CAPTION_RE.match(block.text))
    if label is None and not caption:
        return None
    name = f"{label}:" if label is not None else block.text
    # a paragraph ending in a colon may introduce a list of labelled items: that list is its value
    next_label = _label_of(following) if following is not None and following.kind == block.kind else None
    if following is None or following.kind == "heading":
        return (f"label '{name}' has no value before the next heading",
                f"write the value after '{name}', or remove the label")
    if next_label is not None:
        return (f"label '{name}' is followed by another label, '{next_label}:', instead of its value",
                f"write the value of '{name}' after it, or make it a heading if it introduces what follows")
    return None


def _labelled(text: str) -> tuple[str | None, str]:
    """Split ``Label: value``; ``(None, text)`` when the text does not start with a label.

    >>> _labelled("**Data Protection Contact:** {{ x }}")
    ('Data Protection Contact', '{{ x }}')
    >>> _labelled("The data we hold about you is: a, b")
    (None, 'The data we hold about you is: a, b')
    """
    found = LABELLED_RE.match(text.strip())
    if found is None or PLACEHOLDER_RE.search(found["label"]):
        return None, text
    label = found["label"].strip()
    if len(label.split()) > MAX_LABEL_WORDS or not label[0].isupper():
        return None, text
    return label, found["value"].strip()


def _label_of(block: Block | None) -> str | None:
    return None if block is None else _labelled(block.text)[0]


def _broken_links(policy: PolicySource, context: LintContext, text: str, section: str, where: str,
                  locale: str | None = None) -> Iterator[LintFinding]:
    for match in LINK_RE.finditer(text):
        target = match["target"]
        page, _, anchor = target.partition("#")
        other = page.removesuffix(".md") if page else policy.id
        # links elsewhere (another site, a file that is not a policy) are not this rule's business
        if not anchor or other not in context.anchors or "/" in page or (page and not page.endswith(".md")):
            continue
        known = context.anchors[other]
        if anchor in known:
            continue
        language = f" ({locale})" if locale else ""
        yield LintFinding("broken-anchor", policy.id, section, where, target,
                          f"link{language} to '{target}': {other} has no section '{anchor}' in any locale"
                          f"{did_you_mean(anchor, known)}",
                          f"point the link at a section id of {other} (the {{ #id }} after its headings)")


def _sections(blocks: Sequence[Block]) -> list[str]:
    current, out = "", []
    for block in blocks:
        if block.kind == "heading" and block.anchor:
            current = block.anchor
        out.append(current)
    return out


def _finding(rule: str, policy: PolicySource, block: Block, section: str, subject: str, message: str,
             fix: str) -> LintFinding:
    return LintFinding(rule, policy.id, section, f"{policy.path}:{block.line}", subject, message, fix)


def _noun(block: Block) -> str:
    return "list item" if block.kind == "item" else "paragraph"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _policy(body: str) -> PolicySource:
    """A small policy for doctests."""
    from redline.load.policy import parse_policy

    return parse_policy(f"---\ntitle: P\neffective: 2026-01-01\n---\n{body}".encode(), "policies/p.md")
