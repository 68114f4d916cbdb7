"""``redline init``: a new policy repository that checks and builds at once."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from redline.cli import main
from redline.commands.pin import install_source, local_note
from redline.notices.build import NO_SITE_URL
from tests.paths import ROOT

BIN = Path(sys.executable).parent
FILES = [
    ".github/CODEOWNERS",
    ".github/dependabot.yml",
    ".github/workflows/publish.yml",
    ".github/workflows/pull-request.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "Makefile",
    "README.md",
    "locales/babel.cfg",
    "locales/es/LC_MESSAGES/messages.po",
    "locales/messages.pot",
    "mkdocs.yml",
    "overrides/.gitkeep",
    "policies/_data/company.yml",
    "policies/_data/contacts.yml",
    "policies/_data/limits.yml",
    "policies/_data/retention.yml",
    "policies/_data/schema.yml",
    "policies/_data/subprocessors.yml",
    "policies/privacy.md",
    "redline-requirement.txt",
    "scripts/build-site.sh",
    "scripts/install-redline.sh",
    "scripts/pr_check.py",
    "scripts/pr_comment.cjs",
]
#: files the new repository shares with this one, byte for byte
SHARED = [path for path in FILES if path.startswith((".github/", "scripts/", ".pre-commit"))]


GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Jane Roe", "GIT_AUTHOR_EMAIL": "jane@example.com",
           "GIT_COMMITTER_NAME": "Jane Roe", "GIT_COMMITTER_EMAIL": "jane@example.com"}
INSTALLS = f"  installs {install_source()} (redline-requirement.txt)\n" + (
    f"  note: {local_note(install_source())}\n" if local_note(install_source()) else "")
COMMITTED = ("  git repository on branch main, first commit: 'New policy repository (redline init)'\n"
             + INSTALLS)


def redline(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    """Run the redline command in-process (git with a fixed identity); return its exit code and output."""
    result = CliRunner(env={**GIT_ENV, **(env or {})}).invoke(main, list(args))
    return result.exit_code, result.output


def listing(root: Path) -> list[str]:
    """Every file under ``root``, as sorted relative paths."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository made by ``redline init --company "Acme Ltd"`` (shared: tests only read it)."""
    target = tmp_path_factory.mktemp("init") / "acme"
    assert redline("init", str(target), "--company", "Acme Ltd") == (0, (
        f"created 25 files in {target} for Acme Ltd (en, es)\n{COMMITTED}"
        f"next: cd {target} && make check build\n"))
    return target


def test_init_writes_the_whole_template(acme: Path) -> None:
    """The new repository holds exactly the template's files, all committed, and nothing is left beside it."""
    tracked = subprocess.run(["git", "ls-files"], cwd=acme, capture_output=True, text=True, check=True)
    files = [path for path in listing(acme) if not path.startswith(".git/")]
    assert (files, tracked.stdout.splitlines(), sorted(p.name for p in acme.parent.iterdir())) == (
        FILES, FILES, ["acme"])


def test_init_fills_in_company_locales_and_date(acme: Path) -> None:
    """The company name, the locales and today's date are filled into the templates."""
    today = dt.date.today().isoformat()
    privacy = (acme / "policies/privacy.md").read_text(encoding="utf-8").splitlines()
    mkdocs = (acme / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert (privacy[2:4], mkdocs[:2], [line for line in mkdocs if "locales:" in line],
            (acme / "policies/_data/company.yml").read_text(encoding="utf-8")) == (
        [f"effective: {today}", f"updated: {today}"],
        ['site_name: "Acme Ltd"',
         'site_description: "Privacy policy and other legal policies of Acme Ltd"'],
        ["      locales: [en, es]"],
        '# The data controller: who we are.\nlegal_name: "Acme Ltd" # registered legal name\n'
        'brand: "Acme Ltd" # trading name used in the policies\n',
    )


def test_init_output_passes_its_own_checks(acme: Path) -> None:
    """redline check and the catalog freshness check pass on a fresh repository."""
    assert (redline("check", "--project", str(acme)),
            redline("i18n", "update", "--check", "--project", str(acme))[0]) == (
        (0, "ok: 1 policies, 2 locales\n"), 0)


def test_init_output_builds(acme: Path, tmp_path: Path) -> None:
    """redline build writes the policy in both locales."""
    code, _ = redline("build", "--project", str(acme), "--site-dir", str(tmp_path / "site"))
    site = tmp_path / "site"
    pages = sorted(str(page.relative_to(site)) for page in site.glob("*/privacy/index.html"))
    assert (code, pages) == (0, ["en/privacy/index.html", "es/privacy/index.html"])


def test_init_spanish_page_is_translated(acme: Path) -> None:
    """The Spanish catalog is complete: the policy renders in Spanish with the company's name."""
    code, output = redline("render", "privacy", "--locale", "es", "--project", str(acme))
    assert (code, output.splitlines()[6]) == (0, "## 1. Quiénes somos { #controller }")


def make(project: Path, target: str, tmp_path: Path) -> tuple[int, str, str]:
    """Run a target of the new repository's Makefile with this venv standing in for its .venv."""
    venv = tmp_path / "venv"
    venv.mkdir(exist_ok=True)
    if not (venv / "bin").exists():
        (venv / "bin").symlink_to(BIN)
    # newer than the Makefile's prerequisites: nothing is installed
    (venv / ".installed").touch()
    result = subprocess.run(["make", "-s", target, f"VENV={venv}"], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "MAKEFLAGS": ""}, check=False)
    return result.returncode, result.stdout, result.stderr


def test_init_makefile_checks(acme: Path, tmp_path: Path) -> None:
    """``make check`` of the new repository runs both checks."""
    assert make(acme, "check", tmp_path) == (0, "ok: 1 policies, 2 locales\n", "")


def test_init_makefile_builds_site_and_notices(acme: Path, tmp_path: Path) -> None:
    """``make build`` (the workflows' build script) writes the pages, the notices and the feeds."""
    code, _, errors = make(acme, "build", tmp_path)
    site = acme / "site"
    published = sorted(str(p.relative_to(site)) for p in [*site.glob("*/privacy/index.html"),
                                                             *site.glob("notices/*.json"),
                                                             *site.glob("notices/feeds/*")])
    shutil.rmtree(site)
    assert (code, errors.splitlines()[:2], published) == (
        0, [f"warning: {NO_SITE_URL}",
            f"built 10 pages (1 version of 1 policy) in 2 locales into site as on {dt.date.today()}"],
        ["en/privacy/index.html", "es/privacy/index.html", "notices/feeds/en.atom.xml",
         "notices/feeds/en.json", "notices/feeds/es.atom.xml", "notices/feeds/es.json",
         "notices/notices.json"])


def test_init_shares_workflows_and_scripts_with_this_repository(acme: Path) -> None:
    """Workflows, PR scripts and pre-commit config are the same files as this repository's."""
    different = [path for path in SHARED if (acme / path).read_bytes() != (ROOT / path).read_bytes()]
    assert different == []


def test_init_scripts_are_executable(acme: Path) -> None:
    """Shell scripts keep their execute bit."""
    assert [os.access(acme / p, os.X_OK) for p in FILES if p.endswith(".sh")] == [True, True]


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    """A folder with anything in it is left alone: exit 2 and a message saying what to do."""
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    assert (redline("init", str(tmp_path)), listing(tmp_path)) == ((2, (
        f"Error: {tmp_path}: folder is not empty; redline init only creates new repositories\n"
        "  fix: choose a new folder, or empty this one first\n")), ["notes.txt"])


def test_init_fills_an_empty_folder(tmp_path: Path) -> None:
    """An existing empty folder is filled; ``--locales en`` publishes English only."""
    (tmp_path / "empty").mkdir()
    code, _ = redline("init", str(tmp_path / "empty"), "--locales", "en")
    assert (code, redline("check", "--project", str(tmp_path / "empty")),
            [p for p in listing(tmp_path / "empty") if p.startswith("locales/")]) == (
        0, (0, "ok: 1 policies, 1 locales\n"), ["locales/babel.cfg", "locales/messages.pot"])


@pytest.mark.parametrize(("locales", "message"), [
    ("en,xx", "unknown locale 'xx' in --locales\n"
              "  fix: use ISO codes such as en, es, ar, pt_BR, separated by commas"),
    ("es", "--locales must include en: the template policies are written in English\n"
           "  fix: pass e.g. --locales en,es"),
])
def test_init_refuses_bad_locales(tmp_path: Path, locales: str, message: str) -> None:
    """Unknown locale codes and a list without the source locale are usage errors."""
    assert (redline("init", str(tmp_path / "new"), "--locales", locales), (tmp_path / "new").exists()) == (
        (2, f"Error: {message}\n"), False)


def test_init_creates_an_empty_catalog_for_an_untranslated_locale(tmp_path: Path) -> None:
    """A locale the template has no translation for gets a catalog of the same entries, all empty."""
    assert redline("init", str(tmp_path / "fr"), "--locales", "en,fr,es") == (0, (
        f"created 26 files in {tmp_path / 'fr'} for Example Ltd (en, fr, es)\n"
        "  translate locales/fr/LC_MESSAGES/messages.po before `redline check` passes\n"
        f"{COMMITTED}next: cd {tmp_path / 'fr'} && make check build\n"))
    with (tmp_path / "fr/locales/messages.pot").open("rb") as handle:
        template = [m.id for m in read_po(handle) if m.id]
    with (tmp_path / "fr/locales/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    assert ([m.id for m in catalog if m.id], [m.string for m in catalog if m.id and m.string],
            str(catalog.locale), redline("check", "--project", str(tmp_path / "fr"))[0]) == (
        template, [], "fr", 1)


def test_init_without_git_identity_leaves_the_files_staged(tmp_path: Path) -> None:
    """Without a git identity the repository is created, nothing committed, and the editor told why."""
    target = tmp_path / "new"
    code, output = redline("init", str(target), env={"GIT_AUTHOR_NAME": None, "GIT_AUTHOR_EMAIL": None,
                                                     "GIT_COMMITTER_NAME": None, "GIT_COMMITTER_EMAIL": None,
                                                     "EMAIL": None, "HOME": str(tmp_path)})
    lines = output.splitlines()
    assert (code, lines[1].startswith("  git could not commit: "), lines[2:], (target / ".git").is_dir()) == (
        0, True, ["  set git's user.name and user.email, then commit the files before `redline build`",
                  *INSTALLS.splitlines(), f"next: cd {target} && make check build"], True)


def test_init_no_git_writes_only_the_files(tmp_path: Path) -> None:
    """``--no-git`` writes the files and makes no repository."""
    target = tmp_path / "new"
    assert (redline("init", str(target), "--no-git"), (target / ".git").exists()) == ((0, (
        f"created 25 files in {target} for Example Ltd (en, es)\n{INSTALLS}"
        f"next: cd {target} && make check build\n")),
        False)


def test_init_refuses_a_company_name_with_markup(tmp_path: Path) -> None:
    """A name printed on every page as the site's name must be plain text: nothing is written."""
    assert (redline("init", str(tmp_path / "new"), "--company", "<script>alert(1)</script> Inc"),
            (tmp_path / "new").exists()) == ((2, (
                "Error: --company holds markup: it is printed as the site's name on every page\n"
                '  fix: pass the legal name as plain text, e.g. --company "Acme Ltd"\n')), False)
