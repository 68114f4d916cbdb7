"""``redline i18n extract|update|compile|status``: the gettext cycle, on top of pybabel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from redline.commands._common import open_project, project_option

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

    from redline.config import Project

IGNORE_DIRS = ".* site build node_modules"


@click.group("i18n")
def command() -> None:
    """Keep the translation catalogs in step with the policies."""


def _pybabel(root: Path, *args: str) -> None:
    """Run pybabel in-process, from the project root, exactly as a translator would."""
    import os

    from babel.messages.frontend import BaseError, CommandLineInterface

    from redline.errors import CheckFailed

    previous = Path.cwd()
    os.chdir(root)
    try:
        CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]
    except SystemExit as stop:
        if stop.code:
            raise click.exceptions.Exit(int(stop.code)) from None
    except BaseError as error:
        # `pybabel update --check` reports stale catalogs by raising: a finding, not a crash.
        raise CheckFailed(f"{error}; run `redline i18n update`") from None
    finally:
        os.chdir(previous)


def _pot(locales_dir: str) -> str:
    return f"{locales_dir}/messages.pot"


def _mapping(project: Project) -> str:
    """``locales/babel.cfg``, which tells pybabel where the texts are; fail when it is missing."""
    mapping = f"{project.locales_dir}/babel.cfg"
    if not (project.root / mapping).is_file():
        from redline.errors import RedlineError

        raise RedlineError("file not found: it tells pybabel which files hold the texts",
                           where=str(project.root / mapping),
                           fix="create it (as `redline init` does) with the two sections "
                               f"[redline: {project.policies_dir}/*.md] and "
                               f"[redline_data: {project.policies_dir}/_data/*.yml]")
    return mapping


def _extract_to(project: Project, target: str) -> None:
    _pybabel(project.root, "extract", "-F", _mapping(project),
             # No `#:` line numbers: adding a paragraph must not rewrite every entry below it
             # (each entry names its section in an extracted comment instead).
             "-o", target, "--no-wrap", "--no-location",
             "--project", "Redline policies", "--ignore-dirs", IGNORE_DIRS, ".")


def _same_template(old: Path, new: Path) -> bool:
    """True when two templates differ at most in their POT-Creation-Date line."""
    def body(path: Path) -> list[str]:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        return [line for line in lines if not line.startswith('"POT-Creation-Date:')]

    return body(old) == body(new)


@command.command("extract")
@project_option
def extract(project_dir: Path | None) -> None:
    """Write locales/messages.pot from the policies and data (kept as is when nothing changed)."""
    from redline.publish.atomic import replacing

    project = open_project(project_dir)
    _mapping(project)  # before the temporary file: the locales folder may be missing too
    pot = project.root / _pot(project.locales_dir)
    with replacing(pot) as temporary:
        _extract_to(project, str(temporary))
        if _same_template(pot, temporary):
            temporary.unlink()


@command.command("update")
@click.option("--check", is_flag=True, help="Exit 1 if the catalogs are not up to date; write nothing.")
@project_option
def update(check: bool, project_dir: Path | None) -> None:
    """Extract, then merge the template into every locale's catalog (new ones are created).

    Catalogs are compared by content: a file re-wrapped by Poedit, Weblate or msgcat is up
    to date, and is left as it is. Says, per catalog, what changed.
    """
    import os
    import tempfile

    from redline.errors import CheckFailed
    from redline.i18n.pomerge import read_catalog

    project = open_project(project_dir)
    pot = project.root / _pot(project.locales_dir)
    with tempfile.TemporaryDirectory() as scratch:
        # --check must write nothing, not even the template: extract into a scratch folder.
        fresh = Path(scratch) / "messages.pot"
        _extract_to(project, str(fresh))
        template = read_catalog(fresh)
        if not check and not _same_template(pot, fresh):
            os.replace(fresh, pot)
            click.echo(f"{_pot(project.locales_dir)}: written ({sum(1 for m in template if m.id)} entries)")
    stale = [line for locale in project.translated_locales
             if (line := _update_locale(project, locale, template, check)) is not None]
    if stale:
        for line in stale:
            click.echo(line)
        raise CheckFailed(f"{len(stale)} catalog{'s' if len(stale) != 1 else ''} out of date; "
                          "run `redline i18n update`")


def _update_locale(project: Project, locale: str, template: Catalog, check: bool) -> str | None:
    """Merge ``template`` into one locale's catalog; return what is stale (with --check)."""
    from redline.i18n.pomerge import catalog_bytes, merge, read_catalog
    from redline.publish.atomic import write_atomic

    po = project.root / project.locales_dir / locale / "LC_MESSAGES" / "messages.po"
    shown = po.relative_to(project.root).as_posix()
    if not po.exists():
        if check:
            return f"{shown}: catalog missing"
        catalog = new_catalog(template, locale)
        write_atomic(po, catalog_bytes(catalog), mode=0o644)
        click.echo(f"{shown}: created ({sum(1 for m in catalog if m.id)} entries to translate)")
        return None
    catalog = read_catalog(po, locale)
    change = merge(catalog, template)
    if check:
        return f"{shown}: out of date ({change.summary()})" if change.changed else None
    if change.changed:
        write_atomic(po, catalog_bytes(catalog), mode=0o644)
    click.echo(f"{shown}: {change.summary()}")
    return None


def new_catalog(template: Catalog, locale: str) -> Catalog:
    """A catalog for ``locale`` holding every entry of ``template``, untranslated."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=locale, project=template.project, version=template.version,
                      creation_date=template.creation_date, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    return catalog


@command.command("ui")
@click.argument("locale", metavar="LOCALE")
@project_option
def ui_words(locale: str, project_dir: Path | None) -> None:
    """Write locales/LOCALE/LC_MESSAGES/redline.po: Redline's interface words to translate or reword.

    Every word is listed, with the translation Redline ships (or the project has) filled in;
    an empty one is still to translate. The project's catalog overrides Redline's.
    """
    from redline.i18n.uiwords import write_project_catalog
    from redline.load.catalogs import check_locale

    project = open_project(project_dir)
    check_locale(locale, where="LOCALE")
    path, words, empty = write_project_catalog(project.root / project.locales_dir, locale)
    click.echo(f"{path.relative_to(project.root).as_posix()}: {words} words, {empty} to translate")


@command.command("compile")
@project_option
def compile_(project_dir: Path | None) -> None:
    """Compile .po catalogs to .mo (fuzzy entries are left out, as gettext does)."""
    project = open_project(project_dir)
    if not (project.root / project.locales_dir).is_dir():
        from redline.errors import RedlineError

        raise RedlineError("folder not found: it holds the catalogs to compile",
                           where=str(project.root / project.locales_dir),
                           fix="create the catalogs with `redline i18n update`, "
                               "or set locales_dir in mkdocs.yml")
    _pybabel(project.root, "compile", "-d", project.locales_dir, "--statistics")


@command.command("status")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="json: a list of {locale, policy, translated, fuzzy, missing, percent}.")
@project_option
def status(output_format: str, project_dir: Path | None) -> None:
    """Print translated / fuzzy / missing per locale and policy (fuzzy counts as untranslated)."""
    from redline.commands._common import working_sources
    from redline.i18n.units import coverage

    project = open_project(project_dir)
    rows = coverage(working_sources(project))
    if output_format == "json":
        import json

        listed = [{"locale": r.locale, "policy": r.group, "translated": r.translated, "fuzzy": r.fuzzy,
                   "missing": r.missing, "percent": round(r.percent, 1)} for r in rows]
        click.echo(json.dumps(listed, indent=2))
        return
    click.echo(f"{'locale':<7} {'policy':<10} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'done':>7}")
    for row in rows:
        click.echo(f"{row.locale:<7} {row.group:<10} {row.translated:>10} {row.fuzzy:>6} "
                   f"{row.missing:>8} {row.percent:>6.1f}%")
