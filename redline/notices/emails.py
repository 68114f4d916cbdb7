"""Notice texts from templates editors can change: email bodies (text, HTML) and feed entries.

The templates come from the repository (``templates/notices/``, else Redline's
defaults), so they are as untrusted as policy text: they run in the same sandbox,
undefined names are errors, and ``.html.j2`` templates escape every value
(a fact "Email & SMS" is ``Email &amp; SMS`` in HTML, as it is in the plain text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, select_autoescape

from redline.errors import RedlineError
from redline.notices.model import Notice
from redline.notices.wording import Wording, template_dirs
from redline.publish.ui import direction, long_date
from redline.render.env import PolicyEnvironment
from redline.render.filters import filters_for

TEXT_EMAIL = "email.txt.j2"
HTML_EMAIL = "email.html.j2"
FEED_ENTRY = "entry.html.j2"


def view(notice: Notice, locale: str, wording: Wording) -> dict[str, Any]:
    """What a template sees of one notice in one locale: plain values, dates formatted."""
    title = notice.title.get(locale, notice.policy)
    effective = long_date(notice.effective, locale)
    kind = "initial" if notice.previous_effective is None else "material" if notice.material else "editorial"
    return {
        "id": notice.id, "policy": notice.policy, "locale": locale, "dir": direction(locale),
        "title": title, "material": notice.material, "kind": kind,
        "effective": effective, "effective_iso": notice.effective.isoformat(),
        "notice_date": long_date(notice.notice_date, locale),
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


@dataclass
class NoticeTemplates:
    """The notice templates of one project, compiled once, rendered in the sandbox."""

    root: Path
    wording: Wording

    def __post_init__(self) -> None:
        self.dirs = template_dirs(self.root)
        self.environments: dict[str, PolicyEnvironment] = {}

    def _environment(self, locale: str) -> PolicyEnvironment:
        if locale not in self.environments:
            env = PolicyEnvironment(
                loader=FileSystemLoader([str(folder) for folder in self.dirs]),
                undefined=StrictUndefined, autoescape=select_autoescape(("html.j2", "html")),
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            )
            env.filters.update(filters_for(locale))
            self.environments[locale] = env
        return self.environments[locale]

    def render(self, name: str, notice: Notice, locale: str, **extra: Any) -> str:
        """Render the template ``name`` for ``notice`` in ``locale``."""
        words: Callable[..., str] = lambda key, **values: self.wording.text(locale, key, **values)  # noqa: E731
        context = {"notice": view(notice, locale, self.wording), "t": words, **extra}
        try:
            return self._environment(locale).get_template(name).render(context)
        except TemplateSyntaxError as error:
            raise RedlineError(f"template syntax error: {error.message}",
                               where=self._where(name, error.lineno),
                               fix="fix the template, or delete it to use Redline's default") from None
        except TemplateError as error:
            raise RedlineError(f"template error: {error}", where=self._where(name, None),
                               fix="use `notice` fields, `t(key)`, filters (docs/notices.md)") from None

    def _where(self, name: str, line: int | None) -> str:
        found = next((folder / name for folder in self.dirs if (folder / name).is_file()), Path(name))
        shown = found.relative_to(self.root).as_posix() if found.is_relative_to(self.root) else str(found)
        return f"{shown}:{line}" if line else shown

    def email(self, notice: Notice, locale: str) -> tuple[str, str]:
        """The email bodies (plain text, HTML) of ``notice`` in ``locale``."""
        return (self.render(TEXT_EMAIL, notice, locale, audit=False),
                self.render(HTML_EMAIL, notice, locale, audit=False))

    def entry(self, notice: Notice, locale: str) -> str:
        """The HTML content of the feed entry of ``notice`` (overrides included: feeds are the record)."""
        return self.render(FEED_ENTRY, notice, locale, audit=True)
