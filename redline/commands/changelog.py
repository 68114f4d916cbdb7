"""``redline changelog``: every notice of the history, for the notification pipeline."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redline.commands._common import open_project, progress_option, project_option, quiet_option
from redline.progress import Progress, counted

if TYPE_CHECKING:
    from redline.config import Project
    from redline.gitio import Repository
    from redline.notices.build import Setting
    from redline.notices.model import Notice
    from redline.notices.previous import Published
    from redline.notices.versions import Versions
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
@click.option("--previous", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              metavar="DIR", help="The previous publication (holding notices/notices.json): its notice "
                                  "dates are kept, and a run that would drop one of its notices fails.")
@quiet_option
@progress_option
@project_option
def command(ref: str, out: Path | None, check: bool, build_date: dt.datetime | None, previous: Path | None,
            quiet: bool, progress: bool | None, project_dir: Path | None) -> None:
    """Build one notice per (policy, effective date) from git, with stable ids.

    Writes notices.json (validated by schemas/notices.schema.json), an Atom feed and
    a JSON Feed per locale, and the email bodies (text and HTML) of every notice in
    every locale, from the templates in templates/notices/. Stages (history, notices,
    render, write) go to stderr; stdout holds notices.json only.

    Exit 0 when done, 1 when --check finds stale files or a notice of --previous would be
    dropped or re-dated, 2 on bad input.
    """
    from redline import gitio
    from redline.errors import RedlineError
    from redline.notices.build import Setting, site_url_warning
    from redline.notices.previous import check_kept, load_previous
    from redline.notices.wording import load_wording
    from redline.render.cache import project_cache

    if check and out is None:
        raise RedlineError("--check compares the files of --out DIR", fix="pass --out DIR as well")
    shown = Progress.auto(quiet, progress)
    project = open_project(project_dir)
    if (warning := site_url_warning(project)) is not None:
        click.echo(f"warning: {warning}", err=True)
    today = build_date.date() if build_date else dt.date.today()
    published = load_previous(previous, today) if previous is not None else None
    setting = Setting(project.site_url, load_wording(project.root), project_cache(project.root),
                      dates=published, today=today)
    repo = gitio.open_repo(project.root)
    try:
        notices = _notices(repo, project, setting, ref, shown)
        if published is not None:
            check_kept(published, [(n.id, n.policy, n.notice_date) for n in notices])
        publish(project, notices, setting, out, check, shown)
    finally:
        repo.close()
        setting.cache.save()  # what was learnt stays true whether or not the outputs were written


def _notices(repo: Repository, project: Project, setting: Setting, ref: str, shown: Progress) -> list[Notice]:
    """Walk the history, then assemble each version's notice, each a stage; warnings as they come."""
    from redline.notices.build import find_versions, notices_from
    from redline.publish.parallel import prefill

    with shown.stage("history") as stage:
        found = find_versions(repo, project, setting, ref, peek=True)  # the workers judge what it lacks
        stage.summary = _versions_summary(found)
    for warning in found.skipped:
        click.echo(f"warning: {warning}", err=True)
    with shown.stage("notices") as stage, shown.bar(len(found.versions), "notices") as step:
        notices = notices_from(repo, project, setting, found, partial(prefill, project, ref, setting), step)
        stage.summary = counted(len(notices), "notice")
    return notices


def _versions_summary(found: Versions) -> str:
    """``5 versions of 3 policies`` (and the commits skipped, if any)."""
    policies = len({version.policy for version in found.versions})
    said = f"{counted(len(found.versions), 'version')} of {counted(policies, 'policy', 'policies')}"
    return said + (f", {counted(len(found.skipped), 'commit')} skipped" if found.skipped else "")


def publish(project: Project, notices: list[Notice], setting: Setting, out: Path | None, check: bool,
            shown: Progress | None = None) -> None:
    """Print notices.json, or write (or, with ``check``, compare) every file under ``out``."""
    from redline.publish import outputs
    from redline.publish.emails import notice_templates
    from redline.publish.feeds import FeedSite

    shown = shown or Progress(False)
    site = FeedSite(setting.site_url, project.site_name)
    if out is None:
        with shown.stage("render") as stage:
            text = outputs.notices_json(notices, project, site, setting.cache.facts)
            stage.summary = f"notices.json, {counted(len(notices), 'notice')}"
        click.echo(text, nl=False)
        return
    with shown.stage("render") as stage:
        templates = notice_templates(project, setting.wording, setting.cache)
        files = outputs.changelog_files(notices, project, site, templates)
        stage.summary = f"{counted(len(files), 'file')} in {counted(len(project.locales), 'locale')}"
    if check:
        _check(out, files, shown)
    else:
        _write(out, files, shown)


def _check(out: Path, files: dict[str, str], shown: Progress) -> None:
    """Exit 1 (CheckFailed) when a file under ``out`` differs from what would be written."""
    from redline.errors import CheckFailed
    from redline.publish import outputs

    with shown.stage("check") as stage:
        stale = outputs.stale_files(out, files)
        stage.summary = f"{len(stale)} stale of {counted(len(files), 'file')}"
    if stale:
        raise CheckFailed(f"{len(stale)} changelog files in {out} are stale: " + ", ".join(stale[:5]))


def _write(out: Path, files: dict[str, str], shown: Progress) -> None:
    """Write the files that changed; say how many (unless quiet)."""
    from redline.publish import outputs

    with shown.stage("write") as stage:
        written = len(outputs.write_files(out, files))
        said = f"{written} written, {len(files) - written} unchanged"
        stage.summary = said
    if not shown.quiet:
        click.echo(f"{len(files)} files in {out} ({said})", err=True)


def changelog_outputs(repo: Repository, project: Project, ref: str = "HEAD", cache: RenderCache | None = None,
                      dates: Published | None = None, today: dt.date | None = None,
                      ) -> tuple[list[Notice], dict[str, str], list[str]]:
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
    setting = Setting(project.site_url, load_wording(project.root), cache, dates=dates,
                      today=today or dt.date.today())
    notices, skipped = build_notices(repo, project, setting, ref, partial(prefill, project, ref, setting))
    site = FeedSite(setting.site_url, project.site_name)
    templates = notice_templates(project, setting.wording, setting.cache)
    files = outputs.changelog_files(notices, project, site, templates)
    setting.cache.save()
    return notices, files, skipped
