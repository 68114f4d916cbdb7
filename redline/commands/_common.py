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


def open_project(project_dir: Path | None) -> Project:
    """Find and read the project settings."""
    from redline.config import find_root, load_project
    from redline.publish import ui

    root = project_dir.resolve() if project_dir else find_root(Path.cwd())
    project = load_project(root)
    # The project's own wording of Redline's interface words overrides the shipped one.
    ui.use_project(root / project.locales_dir)
    return project


def working_sources(project: Project) -> Sources:
    """Load the sources of the working tree."""
    from redline.load.snapshot import WorkTree
    from redline.load.sources import load_sources

    return load_sources(WorkTree(project.root), project)
