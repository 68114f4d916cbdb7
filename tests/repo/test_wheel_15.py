"""The wheel is the product: built, installed into a fresh venv, and used the way an adopter does.

Slow (it builds a wheel and two sites). The wheel is installed without ``-e`` and without its
dependencies from the index: the fresh venv sees this venv's libraries through a ``.pth``
line (offline; the libraries are the ones the suite already runs with), while ``redline``
itself, its templates, schemas, theme and catalogs come from the wheel alone.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from redline.i18n.pomerge import read_catalog
from redline.i18n.uiwords import PACKAGE_DIR, catalog_path
from redline.load.catalogs import placeholders
from redline.publish.mail import UNSUBSCRIBE
from tests.paths import ROOT

pytestmark = pytest.mark.slow

GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Jane Roe", "GIT_AUTHOR_EMAIL": "jane@example.com",
           "GIT_COMMITTER_NAME": "Jane Roe", "GIT_COMMITTER_EMAIL": "jane@example.com"}
#: Real translations of the sentences the test reads; every other entry gets a filler word.
SENTENCES = {
    "de": {"Privacy Policy": "Datenschutzerklärung",
           "You may ask for a copy of your data, correct it, delete it or object to its use. Write to "
           "{{ contacts.privacy }}; we answer within {{ limits.response_time | duration }}.":
           "Sie können eine Kopie Ihrer Daten verlangen, sie berichtigen, löschen oder ihrer Nutzung "
           "widersprechen. Schreiben Sie an {{ contacts.privacy }}; wir antworten innerhalb von "
           '{{ limits.response_time | duration(form="dative") }}.'},
    "fr": {"Privacy Policy": "Politique de confidentialité",
           "You may ask for a copy of your data, correct it, delete it or object to its use. Write to "
           "{{ contacts.privacy }}; we answer within {{ limits.response_time | duration }}.":
           "Vous pouvez demander une copie de vos données, les corriger, les supprimer ou vous opposer à "
           "leur utilisation. Écrivez à {{ contacts.privacy }} ; nous répondons sous "
           "{{ limits.response_time | duration }}."},
}
FILLER = {"de": "Absatz", "fr": "Paragraphe"}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command; fail the test with its output when it fails."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result


def source_copy(target: Path) -> Path:
    """The repository's files (tracked and new, not ignored), copied as they are (symlinks kept)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, copy)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A wheel of this checkout, installed into a fresh venv: (the venv, the wheel)."""
    base = tmp_path_factory.mktemp("wheel")
    source = source_copy(base / "src")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(source)],
        base, env)
    wheel = next((base / "dist").glob("policy_redline-*.whl"))
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    python = str(venv / "bin/python")
    purelib = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                       base, env).stdout.strip())
    (purelib / "_libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], base, env)
    return venv, wheel


def adopter_env(venv: Path) -> dict[str, str]:
    """The environment of someone working in the new repository with the fresh venv first on PATH."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("REDLINE_")}
    return {**env, **GIT_ENV, "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}", "NO_MKDOCS_2_WARNING": "1",
            "REDLINE_CACHE_DIR": "off"}


def test_wheel_carries_the_whole_engine(installed: tuple[Path, Path]) -> None:
    """The installed package (not the checkout) holds the schemas, theme, templates and catalogs."""
    venv, _ = installed
    probe = ("import json, redline, pathlib; p = pathlib.Path(redline.__file__).parent; print(p); "
             "print(json.dumps(sorted(str(f.relative_to(p)) for f in p.rglob('*') if f.suffix in "
             "('.json', '.po', '.j2', '.css') or f.name == 'main.html')))")
    where, files = run([str(venv / "bin/python"), "-c", probe], venv, adopter_env(venv)).stdout.splitlines()
    notices = [f"templates/notices/{name}" for name in ("email.html.j2", "email.txt.j2", "entry.html.j2")]
    assert (Path(where).is_relative_to(venv), json.loads(files)) == (True, sorted([
        *(f"locale/{code}/LC_MESSAGES/redline.po" for code in ("ar", "de", "en", "es", "fr", "ru")),
        "schemas/change-record.schema.json", "schemas/notices.schema.json",
        "templates/init/locales/es/LC_MESSAGES/messages.po", *notices,
        "theme/assets/stylesheets/redline.css", "theme/main.html"]))


def fill(catalog_file: Path, locale: str) -> None:
    """Translate a scaffold catalog the way a translator would (every entry, placeholders kept)."""
    with catalog_file.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    for number, message in enumerate(m for m in catalog if m.id):
        kept = " ".join(sorted(placeholders(str(message.id)).elements()))
        message.string = SENTENCES[locale].get(str(message.id), f"{FILLER[locale]} {number} {kept}".strip())
    with catalog_file.open("wb") as handle:
        write_po(handle, catalog, width=79)


def english_words(locale: str) -> set[str]:
    """Redline's English interface phrases that ``locale`` writes differently (fields cut out)."""
    english = read_catalog(catalog_path(PACKAGE_DIR, "en"))
    translated = {m.context: m.string for m in read_catalog(catalog_path(PACKAGE_DIR, locale)) if m.id}
    own = " ".join(str(text) for text in translated.values())
    phrases: set[str] = set()
    for message in english:
        if message.id and isinstance(message.id, str) and translated.get(message.context) != message.id:
            phrases.update(part.strip(" .:;,–—()") for part in re.split(r"\{[^}]*\}", message.id))
    # "versions" is French too: a phrase the locale's own words contain is not a leak.
    return {phrase for phrase in phrases
            if len(phrase) >= 4 and not re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", own)}


def visible_text(page: str) -> str:
    """The words of an HTML page a reader sees, or hears (labels and titles included)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    labels = " ".join(re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + labels)


@pytest.fixture(scope="module")
def adopted(installed: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``redline init --locales en,de,fr`` from the wheel, translated, a material change upcoming, built."""
    venv, _ = installed
    project = tmp_path_factory.mktemp("adopter") / "acme"
    env = adopter_env(venv)
    init = run(["redline", "init", str(project), "--company", "Acme GmbH", "--locales", "en,de,fr"],
               project.parent, env).stdout
    for locale in ("de", "fr"):
        fill(project / f"locales/{locale}/LC_MESSAGES/messages.po", locale)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "# site_url: https://legal.example.com/", "site_url: https://legal.example.com/"), encoding="utf-8")
    run(["git", "commit", "-qam", "Translations, site address"], project, env)
    # A material change (longer log retention) announced today, taking effect in 40 days.
    today = dt.date.today()
    retention = project / "policies/_data/retention.yml"
    retention.write_text(retention.read_text(encoding="utf-8").replace("logs: P12M", "logs: P24M"), "utf-8")
    policy = project / "policies/privacy.md"
    later = (today + dt.timedelta(days=40)).isoformat()
    policy.write_text(re.sub(r"(?m)^(effective|updated): .*$", lambda m: f"{m.group(1)}: {later}",
                             policy.read_text(encoding="utf-8"), count=2), encoding="utf-8")
    run(["git", "commit", "-qam", "Keep logs for 24 months"], project, env)
    # The scaffold's own Makefile, with the fresh venv standing in for its .venv.
    (venv / ".installed").touch()
    run(["make", "-s", "check", "build", f"VENV={venv}"], project, {**env, "MAKEFLAGS": ""})
    return project, init


def test_init_pins_the_wheel_it_ran_from(adopted: tuple[Path, str], installed: tuple[Path, Path]) -> None:
    """The new repository installs the very wheel that created it (PEP 610 record), said once."""
    project, output = adopted
    wheel = installed[1].resolve().as_uri()
    lines = (project / "redline-requirement.txt").read_text(encoding="utf-8").splitlines()
    assert (lines[-1], f"  installs policy-redline @ {wheel} (redline-requirement.txt)" in output) == (
        f"policy-redline @ {wheel}", True)


@pytest.mark.parametrize("locale", ["de", "fr"])
def test_translated_site_has_no_english_interface_words(adopted: tuple[Path, str], locale: str) -> None:
    """Every page of the German and French sites is free of Redline's English interface words."""
    site = adopted[0] / "site" / locale
    pages = sorted(site.rglob("*.html"))
    words = english_words(locale)
    found = {(str(p.relative_to(site)), w) for p in pages for w in words
             if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", visible_text(p.read_text(encoding="utf-8")))}
    assert (len(pages) > 5, len(words) > 40, sorted(found)) == (True, True, [])


def test_translated_site_has_chrome_versions_and_feeds(adopted: tuple[Path, str]) -> None:
    """The German site shows the upcoming banner, the versions links and the feeds, all in German."""
    site = adopted[0] / "site"
    current = (site / "de/privacy/index.html").read_text(encoding="utf-8")
    versions = (site / "de/privacy/versions/index.html").read_text(encoding="utf-8")
    feed = (site / "notices/feeds/de.atom.xml").read_text(encoding="utf-8")
    assert ('<html lang="de"' in current, "data-rl-banner" in current,
            "Eine neue Fassung dieser Richtlinie gilt ab dem" in current, "Alle Fassungen" in current,
            "innerhalb von 30 Tagen" in current, "Datenschutzerklärung: Fassungen" in versions,
            versions.count("/de/privacy/versions/") + versions.count('href="20') >= 1,
            "Änderungen der Richtlinien" in feed, (site / "notices/feeds/fr.json").is_file()) == (
        True, True, True, True, True, True, True, True, True)


@pytest.mark.parametrize(("locale", "subject", "intro"), [
    ("de", "Änderungen an unserer Datenschutzerklärung, gültig ab dem",
     "Wir ändern unsere Datenschutzerklärung."),
    ("fr", "Modifications de notre Politique de confidentialité, en vigueur le",
     "Nous modifions notre Politique de confidentialité."),
])
def test_emails_are_sendable_in_each_language(adopted: tuple[Path, str], locale: str, subject: str,
                                              intro: str) -> None:
    """The material notice's email reads in the locale, with a subject and absolute links.

    The one other link is the unsubscribe placeholder the mail pipeline fills per recipient.
    """
    notices = json.loads((adopted[0] / "site/notices/notices.json").read_text(encoding="utf-8"))
    notice = next(n for n in notices["notices"] if n["material"])
    emails = adopted[0] / "site/notices/emails"
    text = (emails / f"{notice['id']}.{locale}.txt").read_text(encoding="utf-8")
    page = (emails / f"{notice['id']}.{locale}.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page)
    links = re.findall(r'href="([^"]+)"', page)
    site = f"https://legal.example.com/{locale}/"
    assert (title is not None and title.group(1).startswith(subject), text.startswith(intro),
            bool(links) and all(link.startswith(site) for link in links if link != UNSUBSCRIBE),
            UNSUBSCRIBE in links) == (True, True, True, True)
