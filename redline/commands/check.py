"""``redline check``: validate data, front matter, templates, catalogs and placeholders; lint the text."""

from __future__ import annotations

from pathlib import Path

import click

from redline.commands._common import open_project, project_option


@click.command("check")
@project_option
def command(project_dir: Path | None) -> None:
    """Check the working tree. Exit 0 when clean, 1 with findings, 2 on unusable input."""
    from redline.check import check_sources
    from redline.errors import CheckFailed
    from redline.load.snapshot import WorkTree
    from redline.load.sources import load_sources

    project = open_project(project_dir)
    sources = load_sources(WorkTree(project.root), project, strict=False)
    result = check_sources(sources)
    for problem in result.problems:
        click.echo(f"{problem.where}: {problem.message}")
        if problem.fix:
            click.echo(f"  fix: {problem.fix}")
    if result.problems:
        count = len(result.problems)
        raise CheckFailed(f"{count} problem{'s' if count != 1 else ''} found")
    # listed on a clean check only: with problems to fix, they would bury them
    for finding, silence in result.lint.silenced:
        click.echo(f"{finding.where}: {finding.message} [{finding.rule}]")
        click.echo(f"  silenced by {silence.where}: {silence.reason}")
    silenced = len(result.lint.silenced)
    note = f" ({silenced} lint finding{'s' if silenced != 1 else ''} silenced)" if silenced else ""
    click.echo(f"ok: {len(sources.policies)} policies, {len(project.locales)} locales{note}")
