"""``redline check``: validate data, front matter, templates, catalogs and placeholders."""

from __future__ import annotations

from pathlib import Path

import click

from redline.commands._common import open_project, project_option


@click.command("check")
@project_option
def command(project_dir: Path | None) -> None:
    """Check the working tree. Exit 0 when clean, 1 with findings, 2 on unusable input."""
    from redline.check import find_problems
    from redline.errors import CheckFailed
    from redline.load.snapshot import WorkTree
    from redline.load.sources import load_sources

    project = open_project(project_dir)
    sources = load_sources(WorkTree(project.root), project, strict=False)
    problems = find_problems(sources)
    for problem in problems:
        click.echo(f"{problem.where}: {problem.message}")
        if problem.fix:
            click.echo(f"  fix: {problem.fix}")
    if problems:
        raise CheckFailed(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
    click.echo(f"ok: {len(sources.policies)} policies, {len(project.locales)} locales")
