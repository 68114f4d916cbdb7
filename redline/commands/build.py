"""``redline build``: the whole site, every locale, every version, into ``site/``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redline.commands._common import open_project, progress_option, project_option, quiet_option
from redline.progress import counted

if TYPE_CHECKING:
    from redline.config import Project
    from redline.notices.previous import Published
    from redline.publish.pages import SitePage
    from redline.render.cache import RenderCache


@click.command("build")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Output folder (default: site/ in the project).")
@click.option("--allow-fallback", is_flag=True, help="Show English (marked) for missing translations.")
@click.option("--date", "build_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              envvar="REDLINE_BUILD_DATE", metavar="YYYY-MM-DD",
              help="Build as on this day: which version is in force, which is upcoming "
                   "(default: today; env REDLINE_BUILD_DATE).")
@click.option("--no-history", is_flag=True,
              help="Publish only the working tree's current versions (no archive, no git needed).")
@click.option("--previous", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              metavar="DIR", help="The previous publication (holding notices/notices.json): its notice "
                                  "dates are kept, and a build that would drop one of its versions fails.")
@quiet_option
@progress_option
@project_option
def command(site_dir: Path | None, allow_fallback: bool, build_date: dt.datetime | None, no_history: bool,
            previous: Path | None, quiet: bool, progress: bool | None, project_dir: Path | None) -> None:
    """Build the site: each policy in each locale, every version of it, with Material's UI in that locale.

    Exit 0 when built, 1 when a material change has no valid effective date or a published version would
    be dropped, 2 on bad input (the previous site/ is left as it was).
    """
    from redline.history import read_history
    from redline.mkdocs_build import build_site
    from redline.progress import Progress
    from redline.publish.site import site_pages
    from redline.render.cache import project_cache

    shown = Progress.auto(quiet, progress)
    project = open_project(project_dir)
    for warning in _refuse_untranslated_words(project, allow_fallback):
        click.echo(f"warning: {warning}", err=True)
    today = build_date.date() if build_date else dt.date.today()
    from redline.notices.previous import load_previous

    cache = project_cache(project.root)
    published = load_previous(previous, today) if previous is not None else None
    dates = published.notice_date if published is not None else None
    with shown.stage("history") as stage:
        history = read_history(project, today, allow_fallback=allow_fallback, history=not no_history,
                               cache=cache, dates=dates)
        versions = sum(len(h.versions) for h in history.locales[project.source_locale])
        stage.summary = f"{counted(versions, 'version')} in {counted(len(project.locales), 'locale')}"
    _refuse_hidden_markup(project)  # after the history: a damaged repository says so first
    for warning in history.warnings:
        click.echo(f"warning: {warning}", err=True)
    pages = site_pages(history, today, project.locales)
    with shown.stage("notices") as stage:
        extra = _add_changes(project, pages, cache, today, published) if not no_history else {}
        stage.summary = counted(len(extra), "file")
    target = site_dir or project.root / "site"
    with shown.stage("site") as stage, shown.bar(len(project.locales), "building") as step:
        build_site(project, pages, target, today, extra, built=step)
        stage.summary = counted(sum(len(p) for p in pages.values()), "page")
    if quiet:
        return
    counts = (counted(sum(len(p) for p in pages.values()), "page"), counted(versions, "version"),
              counted(len(history.locales[project.source_locale]), "policy", "policies"),
              counted(len(project.locales), "locale"))
    click.echo("built {} ({} of {}) in {} into {target} as on {day}".format(
        *counts, target=target, day=today.isoformat()), err=True)


def _refuse_untranslated_words(project: Project, allow_fallback: bool) -> list[str]:
    """Stop when a published locale lacks Redline's interface words, unless English may stand in."""
    from redline.errors import RedlineError
    from redline.i18n import ui
    from redline.publish.chrome import material_language

    gaps = {locale: ui.missing(locale) for locale in project.locales}
    lines = [f"{project.locales_dir}/{locale}/LC_MESSAGES/redline.po: {len(keys)} interface words missing "
             f"in {locale} ({', '.join(keys[:3])}{', …' if len(keys) > 3 else ''})"
             for locale, keys in gaps.items() if keys]
    if lines and not allow_fallback:
        raise RedlineError("; ".join(lines),
                           fix="translate them (`redline i18n ui LOCALE` writes the catalog), "
                               "or build with --allow-fallback to show them in English, marked")
    theme = [f"mkdocs-material has no interface words for {locale} (its search box, 'Skip to content', "
             "'Back to top'): shown in English; the page's text and Redline's words are in "
             f"{locale}" for locale in project.locales if material_language(locale) is None]
    return [f"{line}: shown in English" for line in lines] + theme


def _refuse_hidden_markup(project: Project) -> None:
    """Stop before building when the policies' English text holds markup ``check`` refuses
    (an HTML comment, an attribute list with a class...): the page would not say what the
    words say. The first problem, as ``check`` words it."""
    from redline.check import markup_issues
    from redline.errors import RedlineError
    from redline.load.snapshot import WorkTree
    from redline.load.sources import load_sources

    try:
        sources = load_sources(WorkTree(project.root), project)
    except RedlineError:
        return  # bad sources: the build itself says so, as it always did
    first = next(markup_issues(sources), None)
    if first is not None:
        raise first.error()


def _add_changes(project: Project, pages: dict[str, list[SitePage]], cache: RenderCache,
                 today: dt.date, published: Published | None = None) -> dict[str, str]:
    """Add each locale's changes page; return the notices, feeds and emails to publish under notices/."""
    from redline import gitio
    from redline.commands.changelog import changelog_outputs
    from redline.notices.build import site_url_warning
    from redline.publish.changes import changes_page, with_changes_link
    from redline.publish.feeds import NOTICES_DIR

    repo = gitio.open_repo(project.root)
    try:
        notices, files, skipped = changelog_outputs(repo, project, cache=cache, dates=published, today=today)
    finally:
        repo.close()
    if published is not None:
        from redline.notices.previous import check_kept

        check_kept(published, [(n.id, n.policy, n.notice_date) for n in notices])
    for warning in skipped:
        click.echo(f"warning: {warning}", err=True)
    if (no_url := site_url_warning(project)) is not None:
        click.echo(f"warning: {no_url}", err=True)
    for locale, locale_pages in pages.items():
        locale_pages[:] = [with_changes_link(p, locale) if p.path == "index.md" else p for p in locale_pages]
        locale_pages.append(changes_page(notices, locale, {page.path for page in locale_pages}))
    return {f"{NOTICES_DIR}/{name}": text for name, text in files.items()}
