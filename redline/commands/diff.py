"""``redline diff [BASE [HEAD]]``: what changed; is it material; may it take effect on that date?

A thin adapter over :func:`redline.compare.run.diff_refs`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from redline.commands._common import open_project, project_option
from redline.compare.formats import FORMATS, Format


@click.command("diff")
@click.argument("base", required=False, default="HEAD", metavar="[BASE]")
@click.argument("head", required=False, default=None, metavar="[HEAD]")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="A report for a terminal, a pull-request comment, or a program.")
@click.option("--notice-date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD", help="The day the change lands (default: today).")
@project_option
def command(base: str, head: str | None, fmt: Format, notice_date: dt.datetime | None,
            project_dir: Path | None) -> None:
    """Compare every policy in every locale at BASE (default HEAD) and HEAD (default: the working tree).

    The verdict comes from the source locale and the facts; other locales are rendered
    with English where a translation is missing (a change of English text cannot carry
    its translations yet) and reported as the sections that changed there.

    Exits 1 when a material change's new effective date is earlier than the notice
    date plus the notice period (limits.change_notice), or did not change at all.
    """
    from redline import gitio
    from redline.compare.report import render
    from redline.compare.run import diff_refs
    from redline.errors import CheckFailed
    from redline.render.cache import project_cache

    project = open_project(project_dir)
    day = notice_date.date() if notice_date else dt.date.today()
    repo = gitio.open_repo(project.root)
    cache = project_cache(project.root)
    try:
        report = diff_refs(repo, project, base, head, day, cache)
    finally:
        repo.close()
    cache.save()
    click.echo(render(report, fmt), nl=False)
    if report.gate.failures:
        gate = report.gate
        problems = [check.message(gate.notice_date, gate.period) for check in gate.failures]
        raise CheckFailed("notice gate: " + "\n  ".join(problems))
