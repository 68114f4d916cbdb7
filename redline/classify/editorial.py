"""Editorial text rules: each explains a *whole* change as one harmless kind, or says nothing.

A rule here returns a finding only when the old and new text are the same once its
kind of difference is forgotten (whitespace, quotes, case, markup, link targets...),
so an editorial finding never hides a change of words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from redline.classify import lexicon
from redline.classify.context import delta, found, label, names, quote, sentence_with
from redline.classify.countries import countries_in
from redline.classify.countries import lexicon as country_lexicon
from redline.classify.findings import Finding
from redline.classify.languages import words_of
from redline.classify.topics import RECIPIENTS, topics
from redline.diff.canonical import canonical
from redline.diff.sections import BlockChange
from redline.diff.text import (
    INLINE_LINK_RE,
    Normaliser,
    collapse_whitespace,
    drop_numbering,
    link_targets,
    plain,
    strip_link_targets,
    strip_markup,
    unify_punctuation,
)
from redline.diff.words import opcodes

#: Editorial normalisers, in the order they compose (markup before links, case last).
STYLES: tuple[tuple[str, Normaliser], ...] = (
    ("formatting", strip_markup),
    ("link-target", strip_link_targets),
    ("whitespace", collapse_whitespace),
    ("punctuation", unify_punctuation),
    ("case", str.casefold),
)
STYLE_NAMES = {"formatting": "Markdown formatting", "link-target": "link targets",
               "whitespace": "whitespace", "punctuation": "punctuation", "case": "letter case"}


def _edited(change: BlockChange) -> tuple[str, str] | None:
    """The old and new text of a block edited in place (not added, removed or moved)."""
    if change.old is None or change.new is None or change.moved or change.old == change.new:
        return None
    return change.old, change.new


def _same_under(old: str, new: str, *steps: Normaliser) -> bool:
    for step in steps:
        old, new = step(old), step(new)
    return old == new


def span(old: str, new: str) -> str:
    """Show the first run of words that differ, and how many other runs do.

    >>> print(span('the "Services" we offer', "the “Services” we offer"))
    '"Services"' → '“Services”'
    >>> print(span("a B c D", "a b c d"))
    'B' → 'b' (and 1 more)
    """
    old_words, new_words = old.split(), new.split()
    edits = [op for op in opcodes(old_words, new_words) if op[0] != "equal"]
    if not edits:
        return f"{quote(old, 60)} → {quote(new, 60)}"
    _, i1, i2, j1, j2 = edits[0]
    more = f" (and {len(edits) - 1} more)" if len(edits) > 1 else ""
    return f"{quote(' '.join(old_words[i1:i2]), 60)} → {quote(' '.join(new_words[j1:j2]), 60)}{more}"


def _style_rule(category: str, normaliser: Normaliser, what: str) -> Callable[[BlockChange], Finding | None]:
    def rule(change: BlockChange) -> Finding | None:
        edited = _edited(change)
        if edited is None or not _same_under(*edited, normaliser, collapse_whitespace):
            return None
        reason = "whitespace only" if category == "whitespace" else f"{what} only: {span(*edited)}"
        return found(category, False, reason, change)

    rule.__name__ = category.replace("-", "_")
    rule.__doc__ = f"Editorial: only {what} changed."
    return rule


whitespace = _style_rule("whitespace", collapse_whitespace, "whitespace")
punctuation = _style_rule("punctuation", unify_punctuation, "punctuation or quote style")
case = _style_rule("case", str.casefold, "letter case")
formatting = _style_rule("formatting", strip_markup, "Markdown formatting")


def link_target(change: BlockChange) -> Finding | None:
    """Editorial: only where links point changed within the same site (a link added or removed
    around the same words). Material: a target moved to another host, say from a relative
    path to another site, since the words now send the reader somewhere else."""
    edited = _edited(change)
    if edited is None or not _same_under(*edited, strip_link_targets, collapse_whitespace):
        return None
    old, new = (link_targets(text) for text in edited)
    removed, added = [t for t in old if t not in new], [t for t in new if t not in old]
    moved = _host_moved(old, new) if len(old) == len(new) else _host_moved(removed[:1], added[:1])
    if moved is not None and _to_the_named_site(moved[0], edited[1]):
        before, after = moved[0]
        reason = f"link now points to the site its text names ({moved[1][1]}): {before} → {after}"
        return found("link-target", False, reason, change)
    if moved is not None:
        before, after, (host_before, host_after) = *moved[0], moved[1]
        reason = f"link now points to another site ({host_before} → {host_after}): {before} → {after}"
        return found("link-host", True, reason, change)
    if removed and added:
        reason = f"link target changed: {removed[0]} → {added[0]}"
    else:
        reason = f"link added: {added[0]}" if added else f"link removed: {removed[0] if removed else '?'}"
    return found("link-target", False, reason, change)


def _host_moved(old: list[str], new: list[str]) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The first pair of targets, in order, whose host differs, with the two hosts."""
    for before, after in zip(old, new, strict=False):
        hosts = link_host(before), link_host(after)
        if hosts[0] != hosts[1]:
            return (before, after), (hosts[0] or "this site", hosts[1] or "this site")
    return None


def _to_the_named_site(targets: tuple[str, str], text: str) -> bool:
    """True when a link between two other sites now goes to the site of the organisation its
    words name: ``[Fastly](https://cloud.google.com/)`` → ``[Fastly](https://www.fastly.com)``.

    Both targets must be on other sites (a link leaving this site is never corrected this way),
    and the new host's own name (``fastly`` of ``www.fastly.com``, ``evil`` of
    ``fastly.evil.example``) must be the link's whole text, letters and digits only.

    >>> _to_the_named_site(("https://a.example/", "https://www.fastly.com"), "[Fastly](https://www.fastly.com)")
    True
    >>> _to_the_named_site(("https://a.example/", "https://fastly.evil.example"), "[Fastly](https://fastly.evil.example)")
    False
    >>> _to_the_named_site(("cookies.md", "https://cookie.example"), "[Cookie](https://cookie.example)")
    False
    """
    before, after = targets
    host = link_host(after)
    if link_host(before) is None or host is None:
        return False
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]  # co.uk, com.au: the organisation's name sits one label further left
    owner = labels[-2] if len(labels) >= 2 else labels[0]
    words = [m.group(1) for m in INLINE_LINK_RE.finditer(text) if m.group(2).strip("<>") == after]
    return any(re.sub(r"[\W_]", "", word.strip("![]")).lower() == owner for word in words)


#: second-level labels under a country code that are not an organisation's name
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "gob"})


def link_host(target: str) -> str | None:
    """The host a link target names, ``None`` for a target within the same site (a relative
    path or an anchor); "www." and the scheme do not count.

    >>> link_host("https://www.Example.com/a"), link_host("//cdn.example/x"), link_host("cookies.md#top")
    ('example.com', 'cdn.example', None)
    """
    host = urlsplit(target.strip()).hostname
    return host.removeprefix("www.") if host else None


def style(change: BlockChange) -> Finding | None:
    """Editorial: several of the kinds above at once (say, re-cased and quotes straightened)."""
    edited = _edited(change)
    steps = [step for _, step in STYLES]
    if edited is None or not _same_under(*edited, *steps):
        return None
    needed = [
        STYLE_NAMES[name]
        for index, (name, _) in enumerate(STYLES)
        if not _same_under(*edited, *(steps[:index] + steps[index + 1 :]))
    ]
    kinds = ", ".join(needed) or "style"
    return found("style", False, f"editorial only ({kinds}): {span(*edited)}", change)


def reordering(change: BlockChange) -> Finding | None:
    """Editorial: a block or section moved, or a heading renumbered, its words unchanged."""
    if change.moved and change.new is not None:
        if change.kind == "heading":
            return found("reordering", False, f"section moved: {quote(change.new)}", change)
        subject = quote(label(plain(change.new), plain(change.new)))
        return found("reordering", False, f"moved within {quote(change.title)}: {subject}", change)
    edited = _edited(change)
    if change.kind == "heading" and edited and _same_under(*edited, collapse_whitespace, drop_numbering):
        reason = f"section renumbered: {quote(edited[0])} → {quote(edited[1])}"
        return found("reordering", False, reason, change)
    return None


LAST_UPDATED_DATE = re.compile(rf"({lexicon.LAST_UPDATED.pattern})(\W{{0,6}})({lexicon.DATE.pattern})", re.I)


def last_updated_date(change: BlockChange) -> Finding | None:
    """Editorial: only the "last updated" date changed."""
    edited = _edited(change)
    if edited is None:
        return None
    old, new = edited
    if lexicon.LAST_UPDATED.search(change.title) and all(lexicon.DATE.fullmatch(t.strip()) for t in edited):
        return found("last-updated-date-only", False, f"last-updated date only: {old} → {new}", change)
    masked = [LAST_UPDATED_DATE.sub(r"\1\2<date>", text) for text in edited]
    if masked[0] == masked[1] and masked[0] != old:
        dates = [LAST_UPDATED_DATE.search(text) for text in edited]
        before, after = (match.group(3) if match else "?" for match in dates)
        return found("last-updated-date-only", False, f"last-updated date only: {before} → {after}", change)
    return None


#: Words that make a list one of exclusions ("everyone except:"), in every supported language.
EXCLUDING = frozenset({"except", "excluding", "unless", "außer", "ausgenommen", "sauf", "excepté",
                       "hormis", "excepto", "salvo", "кроме"})


def removed_recipient(change: BlockChange) -> Finding | None:
    """Editorial: a recipient row or item removed, or names struck from a list of recipients."""
    if RECIPIENTS not in topics(change.path) or change.old is None or change.moved:
        return None
    meaning = words_of(change.lang)
    heading_and_lead = set(canonical(f"{change.title} {change.lead}", change.lang))
    if meaning and heading_and_lead & (meaning.negations | EXCLUDING):
        return None  # a list of whom data is *not* shared with: striking a name widens sharing
    if lexicon.NEGATION.search(change.lead):
        return None  # "We never share your data with:" — the list's lead-in paragraph is negated
    d = delta(change)
    if lexicon.NEGATION.search(d.old) or lexicon.LIMITING.search(" ".join(d.deleted)):
        return None
    if change.new is None and change.kind in ("row", "item", "heading"):
        noun = {"row": "recipient row", "heading": "recipient section"}.get(change.kind, "recipient")
        return found("removed-recipient", False, f"removed {noun}: {quote(d.old)}", change)
    struck = [name for run in d.deleted for name in names(run)]
    if change.new is not None and struck and not any(c.isalnum() for run in d.inserted for c in run):
        return found("removed-recipient", False, f"removed recipient: {quote(', '.join(struck))}", change)
    return None


#: Words that join the items of a list, per language, and the separators between them.
JOINERS = frozenset({"and", "or", "und", "oder", "et", "ou", "y", "o", "e", "u", "the", "и", "или"})
_SEPARATORS_RE = re.compile(r"[\s,;/&()]+")


def removed_destination(change: BlockChange) -> Finding | None:
    """Editorial: a country struck from a list of places ("the US, UK and EU" → "the US and EU"),
    the sentence not negated and at least one place left: fewer places widen nothing."""
    if change.old is None or change.new is None or change.moved:
        return None
    d = delta(change)
    meaning = words_of(change.lang)
    if not d.deleted or meaning is None or not countries_in(d.new):
        return None
    sentences = " ".join(sentence_with(d.old, run) for run in d.deleted)
    if set(canonical(sentences, change.lang)) & (meaning.negations | {"except", "excluding"}):
        return None
    struck = sorted(countries_in(d.old) - countries_in(d.new))
    if not struck or any(_leftover(run) for run in d.inserted):
        return None
    if any(_leftover(_strip_countries(run)) for run in d.deleted):
        return None
    return found("removed-destination", False, f"place removed from a list: {', '.join(struck)}", change)


def _strip_countries(run: str) -> str:
    found = countries_in(run)
    # every spelling of the places found, in any language ("Indien" is India)
    spellings = [word for word, name in country_lexicon().items() if name in found and word in run]
    for word in sorted(spellings, key=len, reverse=True):
        run = run.replace(word, " ")
    return re.sub(r"\b(?:U\.S\.A?\.|USA|US|UK|EU|EEA|UAE)\b", " ", run)


def _leftover(run: str) -> bool:
    return any(word.casefold() not in JOINERS for word in _SEPARATORS_RE.split(run) if word)


def heading_renamed(change: BlockChange) -> Finding | None:
    """Editorial: a heading reworded, the text under it unchanged (a heading labels a section;
    the detectors and meaning rules run first, so a heading that now names a recipient or
    drops a negation is still material)."""
    edited = _edited(change)
    if change.kind != "heading" or edited is None:
        return None
    reason = f"heading renamed: {quote(edited[0])} → {quote(edited[1])}"
    return found("heading-renamed", False, reason, change)
