"""No field an editor or translator controls runs a script in a reader's browser (issue 14).

Each route of a stored script (front matter title and description, a translated title or
paragraph in a PO catalog, policy text, mkdocs.yml's site name and copyright) is built into
the small project of tests/bad/_base/. A build that refuses it writes no site; a build that
publishes anything is opened page by page in Chromium, which must show that the payload
never ran. Text that only *looks* like markup (entities, ``<3``) is published and shown as text.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from redline.cli import main
from tests.browser.conftest import Handler
from tests.paths import TESTS

BASE = TESTS / "bad" / "_base"
RUN = "window.__pwned=1"
IMG = f"<img src=x onerror={RUN}>"
CATALOG = "locales/es/LC_MESSAGES/messages.po"


def _front(key: str, value: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        policy = root / "policies" / "p.md"
        text = policy.read_text(encoding="utf-8")
        if key == "title":
            text = text.replace("title: Test Policy", f"title: '{value}'")
        else:
            text = text.replace("updated: 2026-02-01", f"updated: 2026-02-01\n{key}: '{value}'")
        policy.write_text(text, encoding="utf-8")
    return apply


def _msgstr(old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / CATALOG
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f'msgstr "{old}"', f'msgstr "{new}"'), encoding="utf-8")
    return apply


def _body(markdown: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with (root / "policies" / "p.md").open("a", encoding="utf-8") as policy:
            policy.write(f"\n{markdown}\n")
    return apply


def _config(old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / "mkdocs.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return apply


ROUTES: dict[str, Callable[[Path], None]] = {
    "front-matter-title": _front("title", f"Security</title>{IMG}"),
    "front-matter-description": _front("description", f"About{IMG}"),
    "catalog-title": _msgstr("Política de prueba", '<img src=\\"x\\"/onerror=\\"' + RUN + '\\">'),
    "catalog-paragraph": _msgstr("Conservación", '<img src=\\"x\\"onerror=\\"' + RUN + '\\">'),
    "body-details-ontoggle": _body(f"<details/open/ontoggle={RUN}><summary>x</summary></details>"),
    "body-tag-over-lines": _body(f"<img\nsrc=x\nonerror={RUN}>"),
    "body-attribute-list": _body('[x](https://example.com){ onfocus="' + RUN + '" autofocus }'),
    "site-name": _config("site_name: Bad input base", f"site_name: 'Legal</title>{IMG}'"),
    "copyright": _config("docs_dir:", f"copyright: '{IMG}'\ndocs_dir:"),
}
#: text that looks like markup but is none: published, shown as text
LOOKALIKES: dict[str, Callable[[Path], None]] = {
    "title-entities": _front("title", "Terms &lt;img src=x onerror=window.__pwned=1&gt; <3"),
    "catalog-entities": _msgstr("Conservación", "Conservación &lt;script&gt;" + RUN + "&lt;/script&gt;"),
}


def build(root: Path, routes: dict[str, Callable[[Path], None]], names: list[str]) -> tuple[int, str]:
    """Copy the base project, apply the routes ``names`` and build it; return (exit code, output)."""
    shutil.copytree(BASE, root)
    for name in names:
        routes[name](root)
    result = CliRunner().invoke(main, ["build", "--no-history", "--allow-fallback", "--date", "2026-03-01",
                                       "--project", str(root)], env={"NO_MKDOCS_2_WARNING": "1"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve folders over http.server on 127.0.0.1; return a function giving a folder's origin."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def ran(browser: Browser, origin: str, site: Path) -> list[str]:
    """Open every page of ``site``; return each page where the payload ran or a dialog opened."""
    context = browser.new_context()
    found: list[str] = []
    try:
        for index in sorted(site.rglob("index.html")):
            page = context.new_page()
            page.on("dialog", lambda dialog: (found.append(f"dialog {dialog.message}"), dialog.dismiss()))
            path = index.parent.relative_to(site).as_posix()
            page.goto(f"{origin}/{path}/" if path != "." else f"{origin}/", wait_until="networkidle")
            page.wait_for_timeout(200)  # let onerror / ontoggle / onfocus handlers fire
            if page.evaluate("window.__pwned === 1"):
                found.append(path)
            page.close()
    finally:
        context.close()
    return found


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_stored_script_route_never_runs(route: str, tmp_path: Path, browser: Browser,
                                        serve: Callable[[Path], str]) -> None:
    """The route is refused (exit 2, no site); any site written is shown in Chromium not to run it."""
    code, output = build(tmp_path / "project", ROUTES, [route])
    site = tmp_path / "project" / "site"
    if site.is_dir():
        assert ran(browser, serve(site), site) == []
    assert code == 2, output
    assert not site.exists()


def test_markup_lookalikes_are_published_as_text(tmp_path: Path, browser: Browser,
                                                 serve: Callable[[Path], str]) -> None:
    """Entities and '<3' are text, not tags: the site builds and no page runs the payload they spell."""
    code, output = build(tmp_path / "project", LOOKALIKES, sorted(LOOKALIKES))
    site = tmp_path / "project" / "site"
    assert code == 0, output
    assert ran(browser, serve(site), site) == []
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{serve(site)}/en/p/", wait_until="networkidle")
    assert page.title().startswith("Terms <img src=x onerror=window.__pwned=1> <3")
    context.close()
