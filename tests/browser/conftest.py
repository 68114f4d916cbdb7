"""Browser fixtures: the built sites over a local HTTP server, and headless Chromium.

Chromium is a system package (``apt-get install -y chromium``); without it these
tests fail saying so — they are part of ``make test``, never skipped.
"""

from __future__ import annotations

import gzip
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from tests.paths import TESTS
from tests.sitehistory import Sites, sites

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = TESTS / "artifacts"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as a CDN would), no log noise."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # folders without a slash redirect, other files go as they are
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class _Bytes:
    """A file-like body for ``SimpleHTTPRequestHandler.copyfile``."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        """Nothing to close."""


@dataclass(frozen=True)
class Served:
    """The sites of tests/sitehistory.py at ``origin``: ``/before/…`` and ``/after/…``."""

    origin: str
    sites: Sites

    def url(self, path: str) -> str:
        """The absolute URL of a site path (``after/en/privacy/``)."""
        return f"{self.origin}/{path}"


@dataclass
class Visit:
    """What one page did: every request it made, every console error."""

    page: Page
    requests: list[Request] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> None:
        """Load ``url`` and wait until the network is quiet."""
        self.page.goto(url, wait_until="networkidle")


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Both built sites over http.server on 127.0.0.1, a random port, in a thread."""
    built = sites(tmp_path_factory)
    handler = partial(Handler, directory=str(built.before.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(f"http://127.0.0.1:{server.server_address[1]}", built)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium from the system package."""
    if not CHROMIUM.is_file() and shutil.which("chromium") is None:
        pytest.fail(f"chromium is missing ({CHROMIUM}): install it with `apt-get install -y chromium` "
                    "(.ci/run does); the browser tests are part of make test and are not skipped")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    """A fresh page recording its requests and console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request))
    page.on("console", lambda message: _console(seen, message))
    page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
    yield seen
    context.close()


def _console(seen: Visit, message: ConsoleMessage) -> None:
    if message.type == "error":
        seen.errors.append(f"console: {message.text}")


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot into tests/artifacts/ and print where."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path
