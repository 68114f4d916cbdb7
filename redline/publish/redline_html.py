"""A redline in the reader's language: what changed between two versions, word by word.

Pure: takes two renderings of one policy in one locale and returns the body of a
comparison page — one Markdown heading per changed section (so the table of contents
lists them) followed by an HTML block of its changed blocks, insertions in ``<ins>``
and deletions in ``<del>``. Colour is never the only signal: deletions are struck
through, insertions underlined, each carries a visually hidden "Deleted text:" /
"Inserted text:" label, and every section says in words whether it was added, removed,
changed or moved. The word diff and section pairing come from :mod:`redline.diff`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from redline.diff import BlockChange, SectionChange
from redline.diff import section_changes as changed_sections
from redline.diff.text import INLINE_LINK_RE, strip_markup
from redline.fallback import FALLBACK_START_RE
from redline.i18n import ui
from redline.publish.datediff import only_dates_differ, stated_days
from redline.publish.inline import Token, tokens
from redline.publish.tokendiff import SAFE_LINKS, Links, Segment, styled, token_diff
from redline.render.render import Rendered

KIND_LABELS = {"added": "added", "removed": "removed", "modified": "changed", "moved": "moved"}
HEADING_ESCAPE_RE = re.compile(r"([\\`*_{}\[\]<>#|])")


def plain(markdown: str) -> str:
    """The words a reader sees in one block of Markdown: formatting and link targets dropped.

    >>> plain("**Logs:** kept for `12` months, see [our list](https://x.test/l).")
    'Logs: kept for 12 months, see our list.'
    """
    text = INLINE_LINK_RE.sub(lambda m: m.group(1).lstrip("!")[1:-1], markdown)
    return html.unescape(strip_markup(text))


def fallback_language(markdown: str | None) -> str | None:
    """The language of a block shown untranslated (English fallback), if it is one.

    >>> fallback_language('<span class="redline-fallback" lang="en" dir="ltr">Hi</span>')
    'en'
    """
    found = FALLBACK_START_RE.match(markdown or "")
    return found.group(1) if found else None


def marked(segments: Sequence[Segment], locale: str, langs: dict[str, str | None] | None = None,
           links: Links = SAFE_LINKS) -> str:
    """HTML of a word diff: ``<del>``/``<ins>`` runs with their hidden labels, each word styled.

    ``langs`` gives the language of the deleted or inserted text when it is not the page's.

    >>> from redline.publish.inline import PLAIN, split
    >>> print(marked([("equal", split("kept ", PLAIN)), ("delete", split("12", PLAIN))], "en"))
    kept <del><span class="rl-sr">Deleted text: </span>12</del>
    """
    tags = {"delete": ("del", ui.text(locale, "deleted_text")),
            "insert": ("ins", ui.text(locale, "inserted_text"))}
    out = []
    for op, run in segments:
        if op == "equal":
            out.append(styled(run, links.of(op)))
            continue
        tag, label = tags[op]
        lang = (langs or {}).get(op)
        attrs = f' lang="{lang}" dir="{ui.direction(lang)}"' if lang else ""
        out.append(f'<{tag}{attrs}><span class="rl-sr">{html.escape(label)}: </span>'
                   f"{styled(run, links.of(op))}</{tag}>")
    return "".join(out)


def block_html(change: BlockChange, locale: str, days: Sequence[str] = (), links: Links = SAFE_LINKS) -> str:
    """One changed block as a paragraph of the redline (each of ``days`` compared whole)."""
    verbatim = change.kind == "code"
    old = tokens(change.old, days, verbatim) if change.old is not None else None
    new = tokens(change.new, days, verbatim) if change.new is not None else None
    langs = {"delete": fallback_language(change.old), "insert": fallback_language(change.new)}
    if old is None or new is None or langs["delete"] != langs["insert"]:
        segments = whole(old, new)  # added, removed, or two languages: no word-by-word alignment
    else:
        segments = token_diff(old, new)
    moved = ""
    if change.moved:
        moved = f'<span class="rl-badge rl-badge--moved">{html.escape(ui.text(locale, "moved"))}</span> '
    return (f'<p class="rl-block rl-block--{change.kind}">{moved}'
            f"{marked(segments, locale, langs, links)}</p>")


def whole(old: list[Token] | None, new: list[Token] | None) -> list[Segment]:
    """The old block deleted and the new one inserted, each as one run."""
    segments: list[Segment] = []
    if old:
        segments.append(("delete", old))
    if new:
        segments.append(("insert", new))
    return segments


def section_markdown(change: SectionChange, locale: str, days: Sequence[str] = (),
                     links: Links = SAFE_LINKS) -> str:
    """A changed section: its heading, a badge saying how it changed, its changed blocks."""
    kind = KIND_LABELS[change.kind]
    title = HEADING_ESCAPE_RE.sub(r"\\\1", plain(change.title)) or ui.text(locale, "compare_summary")
    badge = (f'<p class="rl-badge rl-badge--{change.kind}"><strong>'
             f"{html.escape(ui.text(locale, kind))}</strong></p>")
    blocks = [block_html(block, locale, days, links) for block in change.blocks if change.kind != "moved"]
    body = "\n".join([badge, *blocks])
    return (f"## {title} {{ #change-{change.id} }}\n\n"
            f'<div class="rl-section rl-section--{change.kind}">\n{body}\n</div>\n')


def section_changes(old: Rendered, new: Rendered) -> list[SectionChange]:
    """The changed sections between two renderings (HTML and code blocks included)."""
    return list(changed_sections(old.markdown, new.markdown))


def summary_html(changes: Sequence[SectionChange], locale: str) -> str:
    """A one-line count of sections per kind of change, in words."""
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in KIND_LABELS}
    items = [f"<li>{html.escape(ui.text(locale, KIND_LABELS[kind]))}: {count}</li>"
             for kind, count in counts.items() if count]
    label = html.escape(ui.text(locale, "compare_summary"))
    return f'<ul class="rl-summary" aria-label="{label}">{"".join(items)}</ul>'


def dates_only(change: SectionChange, days: Sequence[str]) -> bool:
    """A section whose every change is a stated date (the date line): the page's header says those."""
    return change.kind == "modified" and bool(change.blocks) and all(
        block.old is not None and block.new is not None
        and only_dates_differ(plain(block.old), plain(block.new), days) for block in change.blocks)


def redline_markdown(old: Rendered, new: Rendered, locale: str, links: Links = SAFE_LINKS) -> str:
    """The body of a comparison page after its title: summary, then each changed section.

    Words keep their formatting (bold, italic, code, links; a link's target through ``links``).
    Dates are compared whole, and a section whose only change is its dates is left out (the
    page names both versions' dates above).
    """
    days = stated_days((old.meta, new.meta), locale)
    changes = [change for change in section_changes(old, new) if not dates_only(change, days)]
    if not changes:
        return f"{html.escape(ui.text(locale, 'no_changes'))}\n"
    parts = [summary_html(changes, locale), *(section_markdown(c, locale, days, links) for c in changes)]
    return "\n\n".join(parts) + "\n"
