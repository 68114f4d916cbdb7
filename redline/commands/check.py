"""``redline check``: validate data, front matter, templates, catalogs and placeholders; lint the text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from redline.commands._common import open_project, project_option


@click.command("check")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: one object on stdout, {ok, policies, locales, problems}.")
@project_option
def command(output_format: str, project_dir: Path | None) -> None:
    """Check the working tree. Exit 0 when clean, 1 with findings, 2 on unusable input."""
    from redline.check import check_sources
    from redline.errors import CheckFailed
    from redline.load.snapshot import WorkTree, refuse_links
    from redline.load.sources import load_sources

    project = open_project(project_dir)
    tree = WorkTree(project.root)
    # the build publishes every file of these folders (images too): a link among them is refused here too
    for path in (*tree.list(project.policies_dir), *tree.list(project.locales_dir)):
        refuse_links(tree.root, path)
    sources = load_sources(tree, project, strict=False)
    result = check_sources(sources)
    problems = result.problems
    if output_format == "json":
        _print_json(sorted(sources.policies), list(project.locales), problems)
    for problem in problems if output_format == "text" else ():
        click.echo(f"{problem.where}: {problem.message}")
        if problem.fix:
            click.echo(f"  fix: {problem.fix}")
    if problems:
        raise CheckFailed(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
    if output_format != "text":
        return
    # listed on a clean check only: with problems to fix, they would bury them
    for finding, silence in result.lint.silenced:
        click.echo(f"{finding.where}: {finding.message} [{finding.rule}]")
        click.echo(f"  silenced by {silence.where}: {silence.reason}")
    silenced = len(result.lint.silenced)
    note = f" ({silenced} lint finding{'s' if silenced != 1 else ''} silenced)" if silenced else ""
    click.echo(f"ok: {len(sources.policies)} policies, {len(project.locales)} locales{note}")


def _print_json(policies: list[str], locales: list[str], problems: Sequence[Any]) -> None:
    """The check's result as one JSON object (the exit status says the same)."""
    import json

    found = [{"where": p.where, "message": p.message, "fix": p.fix or None} for p in problems]
    click.echo(json.dumps({"ok": not problems, "policies": policies, "locales": locales, "problems": found},
                          indent=2, ensure_ascii=False))
