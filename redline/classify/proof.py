"""Editorial by proof: rules that show a change altered the form of a text, not its words.

They run before every other rule and settle a change on their own: a block whose
canonical form (see :mod:`redline.diff.canonical`) is unchanged cannot add a
recipient, whatever its keywords — so a re-cased heading ("Identity & access" →
"Identity and access") never reads as a new controller, and a moved block never
reads as a new one. What they cannot prove goes on to the meaning rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from redline.classify.artefacts import contact_details
from redline.classify.context import found, quote
from redline.classify.editorial import (
    STYLE_NAMES,
    STYLES,
    case,
    formatting,
    last_updated_date,
    link_target,
    punctuation,
    reordering,
    span,
    style,
    whitespace,
)
from redline.classify.findings import Finding
from redline.classify.languages import words_of
from redline.classify.nonexhaustive import open_list_reworded
from redline.diff.canonical import canonical, drop_invisible, mask_placeholders, same_words, visible, words
from redline.diff.sections import BlockChange
from redline.diff.text import COMMENT_RE, SPACE_BEFORE_PUNCT_RE, collapse_whitespace
from redline.diff.words import similarity

_MONTHS = (
    r"jan(?:uary|vier|uar)?|feb(?:ruary|rero|ruar)?|f[ée]vr(?:ier)?|m[aä]r(?:ch|s|z|zo)?|apr(?:il)?|avr(?:il)?"
    r"|abr(?:il)?|ma[iy]o?|juin|jun[eio]?|juil(?:let)?|jul[iy]?o?|aug(?:ust)?|ao[uû]t|ago(?:sto)?"
    r"|sep(?:t|tember|tembre|tiembre)?|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre|iembre)?"
    r"|d[eé]c(?:ember|embre)?|dez(?:ember)?|dic(?:iembre)?|enero|janvier|januar"
)
#: A calendar date in the usual English, German, French and Spanish spellings.
DATE_RE = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf"|(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|º)?\.? (?:de )?(?:{_MONTHS})\.?,? (?:de )?\d{{4}}"
    rf"|(?:{_MONTHS})\.? (?:de )?\d{{4}})\b",
    re.I,
)
#: Longest line (in words) that counts as a date line rather than prose that holds a date.
DATE_LINE_WORDS = 30
SETTING_RE = re.compile(r"[-+]?\d+(?:\.\d+)?|true|false|yes|no|none", re.I)
#: A document version number, after its word: only that number is masked, never others.
VERSION_RE = re.compile(
    r"\b((?:version|versión|fassung|révision|revision|rev|v)\.?\s*)\d+(?:\.\d+)*(?:[-.]\w+)?", re.I
)


def moved_or_duplicate(change: BlockChange) -> Finding | None:
    """Editorial: the block only moved, or it was an exact duplicate of words still in the text."""
    if change.duplicate and change.old is not None:
        reason = f"exact duplicate removed: {quote(visible(change.old))}"
        return found("duplicate-removed", False, reason, change)
    if change.moved and change.new is None and change.old is not None:
        reason = f"moved to another section: {quote(visible(change.old))}"
        return found("reordering", False, reason, change)
    return None


def no_words(change: BlockChange) -> Finding | None:
    """Editorial: a block with no words at all (an invisible character, an empty row, a lone marker)."""
    if (change.old is None) == (change.new is None):
        return None
    text = change.old if change.new is None else change.new
    if canonical(text or "", change.lang):
        return None
    what = "removed" if change.new is None else "added"
    return found("no-words", False, f"block without words {what}: {quote(text or '')}", change)


def form_only(change: BlockChange) -> Finding | None:
    """Editorial: the same words in the same order; only their form changed."""
    if change.old is None or change.new is None or change.old == change.new or change.moved:
        return None
    old, new = change.old, change.new
    if not same_words(old, new, change.lang):
        return None
    if mask_placeholders(old) != old or mask_placeholders(new) != new:
        reason = f"a host's placeholder for a mail address: {span(old, new)}"
        return found("contact-address", False, reason, change)
    if COMMENT_RE.search(old + new) and _uncommented(old) == _uncommented(new):
        return found("formatting", False, f"HTML comment only (never shown): {span(old, new)}", change)
    for rule in (reordering, whitespace, punctuation, case, formatting, link_target, style):
        finding = rule(change)
        if finding is not None:
            return finding  # the one kind of difference, said the way the editorial rules say it
    return found("style", False, f"form only ({', '.join(_kinds(old, new))}): {span(old, new)}", change)


def _uncommented(text: str) -> str:
    """The text without its HTML comments, spacing they leave behind closed up."""
    return SPACE_BEFORE_PUNCT_RE.sub(r"\1", collapse_whitespace(COMMENT_RE.sub(" ", text)))


AMPERSAND_WORD_RE = re.compile(r"\s+(?:&|&amp;)\s+")
#: Each kind of form-only difference, and a step that forgets it alone.
KINDS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("invisible characters", drop_invisible),
    ("HTML comments", lambda text: COMMENT_RE.sub("", text)),
    ("'&' for 'and'", lambda text: AMPERSAND_WORD_RE.sub(" and ", text)),
    *((STYLE_NAMES[name], step) for name, step in STYLES),
    ("hyphens", lambda text: text.replace("-", "")),
)


def _kinds(old: str, new: str) -> list[str]:
    """The kinds of difference whose step alone brings the two texts closer."""
    base = similarity(old, new)
    kinds = [name for name, step in KINDS if similarity(step(old), step(new)) > base]
    return kinds or ["punctuation"]


def date_line(change: BlockChange) -> Finding | None:
    """Editorial: a short line that dates or versions the document ("Last updated: ...")
    changed only its date or version number."""
    if change.old is None or change.new is None or change.moved:
        return None
    words = words_of(change.lang)
    if words is None:
        return None
    if (said := last_updated_date(change)) is not None:
        return said
    old, new = visible(change.old), visible(change.new)
    masked = [VERSION_RE.sub(r"\1<n>", DATE_RE.sub("<date>", text)) for text in (old, new)]
    tokens = canonical(masked[0], change.lang)
    if old == new or not same_words(masked[0], masked[1], change.lang) or len(tokens) > DATE_LINE_WORDS:
        return None
    if not set(tokens) & (words.dating | words.version):
        return None
    if not (DATE_RE.search(old) or _version_only(old, words.version)):
        return None
    return found("date-only", False, f"document date or version only: {span(old, new)}", change)


def date_line_added(change: BlockChange) -> Finding | None:
    """Editorial: a line that only dates the document ("*Last updated: July 18, 2022*") was
    added or removed — it names no recipient, purpose or right, wherever it stands."""
    if (change.old is None) == (change.new is None):
        return None
    words = words_of(change.lang)
    text = visible((change.old if change.new is None else change.new) or "")
    if words is None or not DATE_RE.search(text):
        return None
    rest = set(canonical(DATE_RE.sub(" ", text), change.lang))
    if not rest or rest - words.dating:
        return None
    what = "removed" if change.new is None else "added"
    return found("date-only", False, f"date line {what}: {quote(text)}", change)


def _version_only(text: str, version_words: frozenset[str]) -> bool:
    tokens = canonical(text)
    return bool(tokens) and tokens[0] in version_words and len(tokens) <= 3


def page_metadata(change: BlockChange) -> Finding | None:
    """Editorial: a front-matter setting that is not text (a date, a number, a flag) changed."""
    if change.kind != "meta":
        return None
    values = [(text or "").partition(": ")[2] for text in (change.old, change.new) if text is not None]
    if all(_setting(value) for value in values):
        before, after = change.old or "nothing", change.new or "removed"
        return found("page-metadata", False, f"page setting only: {before} → {after}", change)
    return None


def _setting(value: str) -> bool:
    return bool(DATE_RE.fullmatch(value) or SETTING_RE.fullmatch(value))


def repeated_word(change: BlockChange) -> Finding | None:
    """Editorial: a word written twice in a row ("and and") became one, or the reverse."""
    if change.old is None or change.new is None or change.moved:
        return None
    old, new = canonical(change.old, change.lang), canonical(change.new, change.lang)
    if old == new or _collapse(old) != _collapse(new):
        return None
    return found("repeated-word", False, f"repeated word: {span(change.old, change.new)}", change)


def _collapse(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for i, t in enumerate(tokens) if i == 0 or tokens[i - 1] != t)


def cross_reference(change: BlockChange) -> Finding | None:
    """Editorial: only cross-reference numbers changed, each following the document's numbering
    (the clause it names was renumbered, or the old number named no clause at all)."""
    if not change.references or change.old is None or change.new is None:
        return None
    pairs = ", ".join(f"{a} → {b}" for a, b in change.references)
    return found("cross-reference", False, f"cross-reference follows the numbering: {pairs}", change)


#: Every proof rule, in order: the first that holds settles the change.
PROOF_RULES = (
    moved_or_duplicate, no_words, page_metadata, form_only, repeated_word, date_line, date_line_added,
    cross_reference, contact_details, open_list_reworded,
)


def section_form_only(changes: tuple[BlockChange, ...]) -> Finding | None:
    """Editorial: a section's changed blocks, read one after another, say the same words
    (paragraphs split or joined, a marker line dropped, a link cut from its sentence and
    put back): the new blocks' words are exactly the old blocks' words, cut differently."""
    if len(changes) < 2 or any(c.moved for c in changes):
        return None
    lang = changes[0].lang
    old = [_tokens(c.old, lang) for c in changes if c.old is not None]
    new = [token for c in changes if c.new is not None for token in _tokens(c.new, lang)]
    if not _tiles(new, [piece for piece in old if piece]):
        return None
    reason = f"re-paragraphed in {quote(changes[0].title)}: same words, {len(changes)} blocks re-cut"
    return found("re-paragraphed", False, reason, changes[0])


def _tokens(text: str, lang: str) -> tuple[str, ...]:
    return words(visible(text), lang, hyphen="")


def _tiles(new: list[str], pieces: list[tuple[str, ...]]) -> bool:
    """True when ``new`` is the old pieces laid end to end (the changes list holds removed
    blocks next to the block they were joined to, not always in their old order)."""
    at, left = 0, list(pieces)
    while left:
        piece = next((p for p in left if tuple(new[at:at + len(p)]) == p), None)
        if piece is None:
            return False
        left.remove(piece)
        at += len(piece)
    return at == len(new)
