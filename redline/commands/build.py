"""``redline build``: the whole site, every locale, into ``site/``."""

from __future__ import annotations

from pathlib import Path

import click

from redline.commands._common import open_project, project_option


@click.command("build")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Output folder (default: site/ in the project).")
@click.option("--allow-fallback", is_flag=True, help="Show English (marked) for missing translations.")
@project_option
def command(site_dir: Path | None, allow_fallback: bool, project_dir: Path | None) -> None:
    """Build the site: each policy in each locale, with Material's UI in that locale."""
    from redline.commands._common import working_sources
    from redline.mkdocs_build import build_site
    from redline.publish.site import site_pages

    project = open_project(project_dir)
    pages = site_pages(working_sources(project), allow_fallback)
    target = site_dir or project.root / "site"
    build_site(project, pages, target)
    click.echo(f"built {sum(len(p) for p in pages.values())} pages in "
               f"{len(project.locales)} locales into {target}", err=True)
