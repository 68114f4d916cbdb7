"""``redline render POLICY --locale L``: print one rendered policy."""

from __future__ import annotations

from pathlib import Path

import click

from redline.commands._common import open_project, project_option


@click.command("render")
@click.argument("policy", metavar="POLICY")
@click.option("--locale", "-l", default=None, metavar="LOCALE", help="Locale (default: source).")
@click.option("--ref", default=None, metavar="REF", help="Render the policy as it was at a git ref.")
@click.option("--allow-fallback", is_flag=True, help="Show English where a translation is missing.")
@project_option
def command(
    policy: str, locale: str | None, ref: str | None, allow_fallback: bool, project_dir: Path | None
) -> None:
    """Print POLICY rendered as Markdown in LOCALE."""
    from redline.load.sources import load_sources
    from redline.render.render import render_policy

    project = open_project(project_dir)
    snapshot = _snapshot(project.root, ref)
    sources = load_sources(snapshot, project)
    rendered = render_policy(sources, sources.policy(policy), locale or project.source_locale,
                             allow_fallback=allow_fallback)
    click.echo(rendered.markdown, nl=False)


def _snapshot(root: Path, ref: str | None):  # type: ignore[no-untyped-def]
    if ref is None:
        from redline.load.snapshot import WorkTree

        return WorkTree(root)
    from redline import gitio

    return gitio.open_repo(root).snapshot(ref)
