"""Notice texts from templates editors can change: email bodies (text, HTML) and feed entries.

The templates come from the repository (``templates/notices/``, else Redline's
defaults), so they are as untrusted as policy text: they run in the same sandbox,
undefined names are errors, and ``.html.j2`` templates escape every value
(a fact "Email & SMS" is ``Email &amp; SMS`` in HTML, as it is in the plain text).

A notice's texts in one locale are a pure function of the notice, the template files,
the wording and Redline's code, so each is rendered once per run and, with a cache,
kept across runs under the hash of those (the cache's file is per engine id).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from redline.config import Project
from redline.errors import RedlineError
from redline.htmlscan import SCRIPT_TAGS, find_danger
from redline.i18n.ui import direction, long_date
from redline.notices.model import Notice
from redline.notices.wording import Wording, template_dirs
from redline.publish.mail import UNSUBSCRIBE, Sender, project_sender
from redline.render import limits
from redline.render.cache import RenderCache
from redline.render.env import PolicyEnvironment
from redline.render.filters import filters_for
from redline.render.inputs import as_json, digest
from redline.render.store import compress, decompress

TEXT_EMAIL = "email.txt.j2"
HTML_EMAIL = "email.html.j2"
FEED_ENTRY = "entry.html.j2"


class NoticeTexts(NamedTuple):
    """What the templates make of one notice in one locale."""

    text: str
    html: str
    entry: str
    feed_text: str


@lru_cache(maxsize=8192)
def day_text(day: dt.date, locale: str) -> str:
    """:func:`~redline.i18n.ui.long_date`, once per (day, locale): Babel is the slow part of a view."""
    return long_date(day, locale)


def view(notice: Notice, locale: str, wording: Wording) -> dict[str, Any]:
    """What a template sees of one notice in one locale: plain values, dates formatted."""
    title = notice.title.get(locale, notice.policy)
    effective = day_text(notice.effective, locale)
    kind = "initial" if notice.previous_effective is None else "material" if notice.material else "editorial"
    return {
        "id": notice.id, "policy": notice.policy, "locale": locale, "dir": direction(locale),
        "title": title, "material": notice.material, "kind": kind,
        "effective": effective, "effective_iso": notice.effective.isoformat(),
        "notice_date": day_text(notice.notice_date, locale),
        "notice_date_iso": notice.notice_date.isoformat(),
        "subject": wording.text(locale, "subject", policy=title, date=effective),
        "intro": wording.text(locale, f"intro_{kind}", policy=title, date=effective),
        "sections": [_section(s, locale, wording) for s in notice.sections],
        "facts": [{"path": f["path"], "text": f["formatted"][locale]["text"]} for f in notice.facts],
        "overrides": [_override(o, locale, wording) for o in notice.overrides],
        "urls": notice.urls.get(locale, {}),
    }


def _section(section: dict[str, Any], locale: str, wording: Wording) -> dict[str, Any]:
    kind = str(section["kind"])
    return {"id": section["id"], "title": section["title"].get(locale) or section["id"], "kind": kind,
            "kind_text": wording.text(locale, f"kind_{kind}")}


def _override(record: dict[str, Any], locale: str, wording: Wording) -> dict[str, Any]:
    verdict = wording.text(locale, f"verdict_{record['verdict']}")
    text = wording.text(locale, "override", verdict=verdict, author=record["author"],
                        justification=record["justification"])
    return {**record, "verdict_text": verdict, "text": text}


def notice_templates(project: Project, wording: Wording, cache: RenderCache | None) -> NoticeTemplates:
    """The notice templates of ``project``, its sender read from the working tree's data."""
    return NoticeTemplates(project.root, wording, cache, project_sender(project.root, project.policies_dir))


@dataclass
class NoticeTemplates:
    """The notice templates of one project, compiled once, rendered in the sandbox.

    Attributes:
        root: the project's folder.
        wording: the notice strings.
        cache: where texts are kept across runs (None: for this run only).
        sender: who sends the notices (the emails' footer names the controller; None: no footer).
    """

    root: Path
    wording: Wording
    cache: RenderCache | None = None
    sender: Sender | None = None

    def __post_init__(self) -> None:
        self.dirs = template_dirs(self.root)
        self.environments: dict[str, PolicyEnvironment] = {}
        #: each template compiled once (the locales' environments differ in their filters only)
        self.codes: dict[str, Any] = {}
        self.templates: dict[tuple[str, str], Template] = {}
        self.done: dict[str, NoticeTexts] = {}
        self._inputs: str | None = None
        self._canonical: dict[int, tuple[Notice, str]] = {}

    def _environment(self, locale: str) -> PolicyEnvironment:
        if locale not in self.environments:
            env = PolicyEnvironment(
                loader=FileSystemLoader([str(folder) for folder in self.dirs]),
                undefined=StrictUndefined, autoescape=select_autoescape(("html.j2", "html")),
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                auto_reload=False,  # the files do not change during a run: no stat per render
                # no filter run while compiling (``1234.5 | number`` would be one locale's text
                # in the code every locale runs): filters run when rendering, in each locale's own
                optimized=False,
            )
            env.filters.update(filters_for(locale))
            self.environments[locale] = env
        return self.environments[locale]

    def render(self, name: str, notice: Notice, locale: str, shown: dict[str, Any] | None = None,
               **extra: Any) -> str:
        """Render the template ``name`` for ``notice`` in ``locale`` (``shown``: its :func:`view`)."""
        words: Callable[..., str] = lambda key, **values: self.wording.text(locale, key, **values)  # noqa: E731
        shown = view(notice, locale, self.wording) if shown is None else shown
        context = {"notice": shown, "t": words, "unsubscribe": UNSUBSCRIBE,
                   "sender": self.sender.as_json() if self.sender else None, **extra}
        try:
            limits.fresh_budget()
            text = self._template(name, locale).render(context)
        except TemplateSyntaxError as error:
            raise RedlineError(f"template syntax error: {error.message}",
                               where=self._where(name, error.lineno),
                               fix="fix the template, or delete it to use Redline's default") from None
        except TemplateError as error:
            raise RedlineError(f"template error: {error}", where=self._where(name, None),
                               fix="use `notice` fields, `t(key)`, filters (docs/notices.md)") from None
        danger = find_danger(text, SCRIPT_TAGS) if name.endswith("html.j2") else None
        if danger is not None:
            # |safe (or a Markup value) bypasses autoescaping: what reaches a feed or an email is checked
            raise RedlineError(f"{danger.label} in the HTML this template writes",
                               where=self._where(name, None),
                               fix="remove it (and any |safe): feeds and emails may not carry scripts")
        return text

    def _template(self, name: str, locale: str) -> Template:
        """``name`` in ``locale``'s environment, from code compiled once for every locale.

        The compiled code looks its filters and globals up in the environment it runs in
        (compiled unoptimized, it folds no filter into a constant), and every locale's
        environment has the same options, filter names and globals.
        """
        if (name, locale) not in self.templates:
            env = self._environment(locale)
            if name not in self.codes:
                assert env.loader is not None
                source, filename, _ = env.loader.get_source(env, name)
                self.codes[name] = env.compile(source, name, filename)
            self.templates[name, locale] = env.template_class.from_code(env, self.codes[name],
                                                                        env.make_globals(None))
        return self.templates[name, locale]

    def _where(self, name: str, line: int | None) -> str:
        found = next((folder / name for folder in self.dirs if (folder / name).is_file()), Path(name))
        shown = found.relative_to(self.root).as_posix() if found.is_relative_to(self.root) else str(found)
        return f"{shown}:{line}" if line else shown

    def email(self, notice: Notice, locale: str) -> tuple[str, str]:
        """The email bodies (plain text, HTML) of ``notice`` in ``locale``."""
        texts = self.texts(notice, locale)
        return texts.text, texts.html

    def subject(self, notice: Notice, locale: str) -> str:
        """The email subject of ``notice`` in ``locale`` (the wording's ``subject``)."""
        title = notice.title.get(locale, notice.policy)
        return self.wording.text(locale, "subject", policy=title, date=day_text(notice.effective, locale))

    def feed_text(self, notice: Notice, locale: str) -> str:
        """The plain text of the feed item of ``notice``: the email text without its footer."""
        return self.texts(notice, locale).feed_text

    def entry(self, notice: Notice, locale: str) -> str:
        """The HTML content of the feed entry of ``notice`` (overrides included: feeds are the record)."""
        return self.texts(notice, locale).entry

    def texts(self, notice: Notice, locale: str) -> NoticeTexts:
        """Every text of ``notice`` in ``locale``: rendered once, or recalled from the cache."""
        key = self.key(notice, locale)
        found = self.done.get(key) or self._recall(key)
        if found is None:
            # one view for the four texts: the sandbox lets no template change it
            shown = view(notice, locale, self.wording)
            # the feed entry first: the order a template error was always reported in
            entry = self.render(FEED_ENTRY, notice, locale, shown, audit=True)
            found = NoticeTexts(self.render(TEXT_EMAIL, notice, locale, shown, audit=False),
                                self.render(HTML_EMAIL, notice, locale, shown, audit=False), entry,
                                # a feed's plain text is the email's without the mail footer
                                self.render(TEXT_EMAIL, notice, locale, shown, audit=False, sender=None))
            if self.cache is not None and self.cache.store is not None:
                self.cache.store.put_rendering(key, compress(list(found)))
        self.done[key] = found
        return found

    def key(self, notice: Notice, locale: str) -> str:
        """The hash of everything the texts of ``notice`` in ``locale`` depend on (Redline's code aside)."""
        return "notice-texts:" + digest(self.inputs(), locale, self.notice_digest(notice))

    def notice_digest(self, notice: Notice) -> str:
        """The hash of ``notice``'s JSON: everything a template can see of it (computed once per notice)."""
        known = self._canonical.get(id(notice))
        if known is None or known[0] is not notice:
            known = notice, digest(json.dumps(notice.to_json(), sort_keys=True, ensure_ascii=False))
            self._canonical[id(notice)] = known
        return known[1]

    def inputs(self) -> str:
        """The hash of the template files (project's, then Redline's) and the wording."""
        if self._inputs is None:
            parts = [as_json(self.wording.table), as_json(self.sender.as_json() if self.sender else None)]
            for index, folder in enumerate(self.dirs):
                for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                    parts.append(f"{index}:{path.relative_to(folder).as_posix()}")
                    parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
            self._inputs = digest(*parts)
        return self._inputs

    def _recall(self, key: str) -> NoticeTexts | None:
        raw = self.cache.store.rendering(key) if self.cache is not None and self.cache.store else None
        if raw is None:
            return None
        try:
            texts = decompress(raw)
        except ValueError:
            return None  # a damaged entry is a miss
        if not isinstance(texts, list) or len(texts) != len(NoticeTexts._fields):
            return None
        if not all(isinstance(t, str) for t in texts):
            return None
        return NoticeTexts(*texts)
