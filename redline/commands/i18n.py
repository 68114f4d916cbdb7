"""``redline i18n extract|update|compile|status``: the gettext cycle, on top of pybabel."""

from __future__ import annotations

from pathlib import Path

import click

from redline.commands._common import open_project, project_option

IGNORE_DIRS = ".* site build node_modules"


@click.group("i18n")
def command() -> None:
    """Keep the translation catalogs in step with the policies."""


def _pybabel(root: Path, *args: str) -> None:
    """Run pybabel in-process, from the project root, exactly as a translator would."""
    import os

    from babel.messages.frontend import CommandLineInterface

    previous = Path.cwd()
    os.chdir(root)
    try:
        CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]
    except SystemExit as stop:
        if stop.code:
            raise click.exceptions.Exit(int(stop.code)) from None
    finally:
        os.chdir(previous)


def _pot(locales_dir: str) -> str:
    return f"{locales_dir}/messages.pot"


@command.command("extract")
@project_option
def extract(project_dir: Path | None) -> None:
    """Write locales/messages.pot from the policies and data."""
    project = open_project(project_dir)
    _pybabel(project.root, "extract", "-F", f"{project.locales_dir}/babel.cfg",
             "-o", _pot(project.locales_dir), "--no-wrap", "--sort-by-file",
             "--project", "Redline policies", "--ignore-dirs", IGNORE_DIRS, ".")


@command.command("update")
@click.option("--check", is_flag=True, help="Exit 1 if the catalogs are not up to date; write nothing.")
@project_option
def update(check: bool, project_dir: Path | None) -> None:
    """Extract, then merge the template into every locale's catalog (new ones are created)."""
    project = open_project(project_dir)
    extract.callback(project_dir=project.root)  # type: ignore[misc]
    for locale in project.translated_locales:
        po = project.root / project.locales_dir / locale / "LC_MESSAGES" / "messages.po"
        verb = "update" if po.exists() else "init"
        if check and verb == "init":
            raise click.ClickException(f"{po}: catalog missing; run `redline i18n update`")
        extra = ["--check", "--ignore-pot-creation-date"] if check else []
        args = ["-i", _pot(project.locales_dir), "-d", project.locales_dir, "-l", locale]
        if verb == "update":
            args += ["--no-wrap", "--ignore-obsolete", *extra]
        _pybabel(project.root, verb, *args)


@command.command("compile")
@project_option
def compile_(project_dir: Path | None) -> None:
    """Compile .po catalogs to .mo (fuzzy entries are left out, as gettext does)."""
    project = open_project(project_dir)
    _pybabel(project.root, "compile", "-d", project.locales_dir, "--statistics")


@command.command("status")
@project_option
def status(project_dir: Path | None) -> None:
    """Print translated / fuzzy / missing per locale and policy (fuzzy counts as untranslated)."""
    from redline.commands._common import working_sources
    from redline.i18n.units import coverage

    project = open_project(project_dir)
    rows = coverage(working_sources(project))
    click.echo(f"{'locale':<7} {'policy':<10} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'done':>7}")
    for row in rows:
        click.echo(f"{row.locale:<7} {row.group:<10} {row.translated:>10} {row.fuzzy:>6} "
                   f"{row.missing:>8} {row.percent:>6.1f}%")
