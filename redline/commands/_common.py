"""Shared options and loading for commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from redline.config import Project
    from redline.load.sources import Sources

project_option = click.option(
    "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    metavar="DIR", help="Policy repository (default: the one containing the current folder).",
)

quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print nothing but warnings and errors.")
progress_option = click.option(
    "--progress/--no-progress", default=None,
    help="Show each stage with counts and time, and a bar (default: when stderr is a terminal).",
)


def open_project(project_dir: Path | None) -> Project:
    """Find and read the project settings; the policies folder they name must be there."""
    from redline.config import find_root, load_project
    from redline.errors import RedlineError, did_you_mean
    from redline.i18n import ui

    root = project_dir.resolve() if project_dir else find_root(Path.cwd())
    project = load_project(root)
    if not (root / project.policies_dir).is_dir():
        folders = [p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        hint = did_you_mean(project.policies_dir, folders)
        raise RedlineError(
            f"policies_dir '{project.policies_dir}' is not a folder{hint}",
            where=str(root / "mkdocs.yml"),
            fix="create it with one <id>.md per policy, or set policies_dir in the redline plugin entry",
        )
    # The project's own wording of Redline's interface words overrides the shipped one.
    ui.use_project(root / project.locales_dir)
    return project


def working_sources(project: Project) -> Sources:
    """Load the sources of the working tree."""
    from redline.load.snapshot import WorkTree
    from redline.load.sources import load_sources

    return load_sources(WorkTree(project.root), project)
