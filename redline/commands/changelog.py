"""``redline changelog``: every notice of the history, for the notification pipeline."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redline.commands._common import open_project, project_option

if TYPE_CHECKING:
    from redline.config import Project
    from redline.gitio import Repository
    from redline.notices.build import Setting
    from redline.notices.model import Notice
    from redline.render.cache import RenderCache


@click.command("changelog")
@click.option("--ref", default="HEAD", show_default=True, metavar="REF",
              help="The tip of the history (main's first-parent history is read from it).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Write notices.json, feeds/ and emails/ here (default: print notices.json).")
@click.option("--check", is_flag=True, help="With --out: exit 1 when files there are stale; write nothing.")
@click.option("--date", "build_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              envvar="REDLINE_BUILD_DATE", metavar="YYYY-MM-DD",
              help="Link upcoming pages as the site built on this day has them "
                   "(default: today; env REDLINE_BUILD_DATE).")
@project_option
def command(ref: str, out: Path | None, check: bool, build_date: dt.datetime | None,
            project_dir: Path | None) -> None:
    """Build one notice per (policy, effective date) from git, with stable ids.

    Writes notices.json (validated by schemas/notices.schema.json), an Atom feed and
    a JSON Feed per locale, and the email bodies (text and HTML) of every notice in
    every locale, from the templates in templates/notices/.
    """
    from redline import gitio
    from redline.errors import RedlineError
    from redline.notices.build import Setting, build_notices, site_url_warning
    from redline.notices.wording import load_wording
    from redline.publish.parallel import prefill
    from redline.render.cache import project_cache

    if check and out is None:
        raise RedlineError("--check compares the files of --out DIR", fix="pass --out DIR as well")
    project = open_project(project_dir)
    if (warning := site_url_warning(project)) is not None:
        click.echo(f"warning: {warning}", err=True)
    setting = Setting(project.site_url, load_wording(project.root), project_cache(project.root),
                      build_date.date() if build_date else dt.date.today())
    repo = gitio.open_repo(project.root)
    try:
        notices, skipped = build_notices(repo, project, setting, ref, partial(prefill, project, ref, setting))
        for warning in skipped:
            click.echo(f"warning: {warning}", err=True)
        publish(project, notices, setting, out, check)
    finally:
        repo.close()
        setting.cache.save()  # what was learnt stays true whether or not the outputs were written


def publish(project: Project, notices: list[Notice], setting: Setting, out: Path | None, check: bool) -> None:
    """Print notices.json, or write (or, with ``check``, compare) every file under ``out``."""
    from redline.errors import CheckFailed
    from redline.publish import outputs
    from redline.publish.emails import notice_templates
    from redline.publish.feeds import FeedSite

    site = FeedSite(setting.site_url, project.site_name)
    if out is None:
        click.echo(outputs.notices_json(notices, project, site, setting.cache.facts), nl=False)
        return
    templates = notice_templates(project, setting.wording, setting.cache)
    files = outputs.changelog_files(notices, project, site, templates)
    if check:
        stale = outputs.stale_files(out, files)
        if stale:
            raise CheckFailed(f"{len(stale)} changelog files in {out} are stale: " + ", ".join(stale[:5]))
        return
    written = outputs.write_files(out, files)
    click.echo(f"{len(files)} files in {out} ({len(written)} written, {len(files) - len(written)} unchanged)",
               err=True)


def changelog_outputs(repo: Repository, project: Project, ref: str = "HEAD", cache: RenderCache | None = None,
                      today: dt.date | None = None) -> tuple[list[Notice], dict[str, str], list[str]]:
    """The notices of ``ref``'s history, every changelog file (path -> text), and the warnings.

    Links to upcoming pages are those of the site built on ``today`` (default: today).
    ``cache`` defaults to the project's on-disk cache; what it learnt is saved before returning.
    """
    from redline.notices.build import Setting, build_notices
    from redline.notices.wording import load_wording
    from redline.publish import outputs
    from redline.publish.emails import notice_templates
    from redline.publish.feeds import FeedSite
    from redline.publish.parallel import prefill
    from redline.render.cache import project_cache

    cache = cache or project_cache(project.root)
    setting = Setting(project.site_url, load_wording(project.root), cache, today or dt.date.today())
    notices, skipped = build_notices(repo, project, setting, ref, partial(prefill, project, ref, setting))
    site = FeedSite(setting.site_url, project.site_name)
    templates = notice_templates(project, setting.wording, setting.cache)
    files = outputs.changelog_files(notices, project, site, templates)
    setting.cache.save()
    return notices, files, skipped
