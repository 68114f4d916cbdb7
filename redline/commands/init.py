"""``redline init DIR``: a new policy repository, copied from ``redline/templates/init``.

The template holds one short privacy policy, its typed data and schema, a complete Spanish
catalog, the workflows, the pre-commit hooks and a Makefile. The new folder becomes a git
repository with one commit, since the site is built from the history. Files ending in ``.tmpl`` get
the company name, the locales and today's date filled in; a path part ``dot-x`` becomes
``.x`` (package data globs skip dot files). The new tree is written next to DIR and renamed
into place, so a failed run leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import click

from redline.errors import RedlineError

SOURCE_LOCALE = "en"
LOCALE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2})?$")
CATALOG = "LC_MESSAGES/messages.po"
COMMIT_MESSAGE = "New policy repository (redline init)"


def template_root() -> Traversable:
    """The template folder inside the installed package."""
    return files("redline") / "templates" / "init"


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name == "__pycache__":
            continue
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, f"{name}/")
        else:
            yield name, entry


def target_path(template_path: str) -> str:
    """Where a template file goes in the new repository.

    >>> target_path("dot-github/workflows/pr.yml")
    '.github/workflows/pr.yml'
    >>> target_path("policies/privacy.md.tmpl")
    'policies/privacy.md'
    """
    parts = ["." + part[4:] if part.startswith("dot-") else part for part in template_path.split("/")]
    path = "/".join(parts)
    return path.removesuffix(".tmpl")


def substitutions(company: str, locales: tuple[str, ...], today: dt.date,
                  package: str = "policy-redline") -> dict[str, str]:
    """The values of the ``@TOKEN@`` placeholders of ``.tmpl`` files."""
    return {
        "@COMPANY@": company,
        # A JSON string is a valid double-quoted YAML scalar, whatever the name holds.
        "@COMPANY_YAML@": json.dumps(company, ensure_ascii=False),
        # The site is read in every locale: its name is the company's, in no one language.
        "@SITE_NAME_YAML@": json.dumps(company, ensure_ascii=False),
        "@DESCRIPTION_YAML@": json.dumps(f"Privacy policy and other legal policies of {company}",
                                         ensure_ascii=False),
        "@LOCALES@": ", ".join(locales),
        "@TODAY@": today.isoformat(),
        "@REDLINE_PACKAGE@": package,
    }


def _fill(text: str, values: Mapping[str, str]) -> str:
    for token, value in values.items():
        text = text.replace(token, value)
    return text


def _catalog_locale(path: str) -> str | None:
    """The locale of a shipped catalog path, or None for any other file."""
    match = re.fullmatch(r"locales/([^/]+)/LC_MESSAGES/messages\.po", path)
    return match.group(1) if match else None


def plan(company: str, locales: tuple[str, ...], today: dt.date,
         package: str = "policy-redline") -> dict[str, bytes]:
    """Every file of the new repository, by path, with the template filled in."""
    values = substitutions(company, locales, today, package)
    result: dict[str, bytes] = {}
    for name, entry in _walk(template_root()):
        path = target_path(name)
        locale = _catalog_locale(path)
        if locale is not None and locale not in locales:
            continue
        data = entry.read_bytes()
        result[path] = _fill(data.decode("utf-8"), values).encode("utf-8") if name.endswith(".tmpl") else data
    for locale in locales[1:]:
        path = f"locales/{locale}/{CATALOG}"
        if path not in result:
            result[path] = empty_catalog(result["locales/messages.pot"], locale)
    return result


def empty_catalog(pot: bytes, locale: str) -> bytes:
    """A new catalog for ``locale`` from the template, every entry still to translate."""
    from babel.messages.pofile import read_po, write_po

    catalog = read_po(io.BytesIO(pot), locale=locale)
    catalog.fuzzy = False
    output = io.BytesIO()
    write_po(output, catalog, width=0, omit_header=False)
    return output.getvalue()


def parse_locales(text: str) -> tuple[str, ...]:
    """Validate ``--locales``: known codes, English (the template's language) first."""
    from babel import Locale, UnknownLocaleError

    codes = [code.strip() for code in text.split(",") if code.strip()]
    for code in codes:
        try:
            known = bool(LOCALE_CODE.match(code)) and Locale.parse(code) is not None
        except (UnknownLocaleError, ValueError):
            known = False
        if not known:
            raise RedlineError(f"unknown locale '{code}' in --locales",
                               fix="use ISO codes such as en, es, ar, pt_BR, separated by commas")
    if SOURCE_LOCALE not in codes:
        raise RedlineError("--locales must include en: the template policies are written in English",
                           fix="pass e.g. --locales en,es")
    rest = [code for code in dict.fromkeys(codes) if code != SOURCE_LOCALE]
    return (SOURCE_LOCALE, *rest)


def _refuse_non_empty(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise RedlineError("exists and is not a folder", where=str(directory),
                           fix="choose a new folder name")
    if directory.is_dir() and any(directory.iterdir()):
        raise RedlineError("folder is not empty; redline init only creates new repositories",
                           where=str(directory), fix="choose a new folder, or empty this one first")


def write_tree(directory: Path, tree: Mapping[str, bytes]) -> None:
    """Write ``tree`` into a staging folder beside ``directory``, then rename it into place."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        for path, data in tree.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if path.endswith(".sh"):
                target.chmod(0o755)
        staging.chmod(0o755)
        # rename(2) replaces a missing or empty folder in one step.
        os.replace(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def first_commit(directory: Path) -> str | None:
    """Make ``directory`` a git repository on ``main`` holding every file in one commit.

    The site is built from the history, so a new repository needs its first commit before
    ``redline build``. Returns None, or git's reason when it could not commit (typically no
    ``user.name``/``user.email``): the files are then left staged for the editor to commit.
    """
    import git
    from git.exc import GitCommandError

    repo = git.Repo.init(directory, initial_branch="main")
    try:
        repo.git.add("-A")
        repo.git.commit("-q", "-m", COMMIT_MESSAGE)
    except GitCommandError as error:
        lines = [line.strip() for line in str(error.stderr).splitlines() if line.strip()]
        return lines[-1].rstrip("'") if lines else str(error)
    finally:
        repo.close()
    return None


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@click.option("--company", default="Example Ltd", show_default=True, metavar="NAME",
              help="Legal name of the company (the data controller).")
@click.option("--locales", "locale_list", default="en,es", show_default=True, metavar="LIST",
              help="Published locales, comma-separated; en is the source.")
@click.option("--redline-package", "package", default=None, metavar="REQUIREMENT",
              help="What the new repository installs (pip requirement); default: this Redline "
                   "(its version, or the wheel, folder or git commit it was installed from).")
@click.option("--no-git", is_flag=True, help="Only write the files: no git repository, no first commit.")
def command(directory: Path, company: str, locale_list: str, package: str | None, no_git: bool) -> None:
    """Create a new policy repository in DIR (missing or empty), ready to check and build."""
    from redline.commands.pin import install_source, local_note

    locales = parse_locales(locale_list)
    if not company.strip():
        raise RedlineError("--company must not be empty", fix='pass e.g. --company "Acme Ltd"')
    from redline.htmlscan import first_markup

    if first_markup(company) is not None:  # the site's name on every page, and the controller's
        raise RedlineError("--company holds markup: it is printed as the site's name on every page",
                           fix='pass the legal name as plain text, e.g. --company "Acme Ltd"')
    _refuse_non_empty(directory)
    requirement = (package or "").strip() or install_source()
    tree = plan(company.strip(), locales, dt.date.today(), requirement)
    write_tree(directory, tree)
    click.echo(f"created {len(tree)} files in {directory} for {company.strip()} ({', '.join(locales)})")
    for locale in locales[1:]:
        if not template_root().joinpath("locales", locale, "LC_MESSAGES", "messages.po").is_file():
            click.echo(f"  translate locales/{locale}/{CATALOG} before `redline check` passes")
    problem = None if no_git else first_commit(directory)
    if problem:
        click.echo(f"  git could not commit: {problem}\n"
                   "  set git's user.name and user.email, then commit the files before `redline build`")
    elif not no_git:
        click.echo(f"  git repository on branch main, first commit: {COMMIT_MESSAGE!r}")
    click.echo(f"  installs {requirement} (redline-requirement.txt)")
    if (note := local_note(requirement)) is not None:
        click.echo(f"  note: {note}")
    click.echo(f"next: cd {directory} && make check build")
