"""The page at the site's root: a language chooser that sends a visitor to their own language.

Static and self-contained (no request leaves the page, no theme needed): one link per
locale, each in its own language and direction. A small script reads the browser's
preferred languages (``navigator.languages``) and goes to the first published one;
``?choose`` in the address keeps the chooser on screen. Without script the list stays.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from redline.publish import ui

STYLE = """\
    :root { color-scheme: light dark; --accent: #3f51b5; }
    body { margin: 0; min-height: 100vh; display: grid; place-items: center;
           font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans",
                        "Noto Sans Arabic", Arial, sans-serif;
           background: Canvas; color: CanvasText; }
    main { padding: 2rem; max-width: 28rem; width: 100%; box-sizing: border-box; }
    h1 { font-size: 1.5rem; font-weight: 500; margin: 0 0 1.5rem; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
    a { display: block; padding: .9rem 1.2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, Canvas);
        border-radius: .5rem; color: inherit; text-decoration: none; font-size: 1.15rem; }
    a:hover, a:focus-visible { border-color: var(--accent); outline: 2px solid var(--accent);
                               outline-offset: 1px; }
    a[dir="rtl"] { text-align: right; }"""

#: goes to the first of the browser's languages the site has (exact tag, then its language)
SCRIPT = """\
    (function (locales) {
      if (/[?&]choose\\b/.test(location.search)) return;
      var wanted = navigator.languages || [navigator.language || ""];
      for (var i = 0; i < wanted.length; i++) {
        var tag = String(wanted[i]).replace("-", "_"), lang = tag.split("_")[0];
        var found = locales.indexOf(tag) >= 0 ? tag : locales.indexOf(lang) >= 0 ? lang : null;
        if (found) { location.replace(found + "/"); return; }
      }
    })(%s);"""


def chooser_html(locales: Sequence[str], source_locale: str, site_name: str | None = None) -> str:
    """The root page: a heading in the source locale, then each locale's name linking to its site."""
    heading = html.escape(ui.text(source_locale, "choose_language"))
    items = "\n".join(
        f'      <li><a href="{loc}/" hreflang="{loc}" lang="{loc}" dir="{ui.direction(loc)}">'
        f"{html.escape(ui.language_name(loc))}</a></li>" for loc in locales)
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{loc}" href="{loc}/">' for loc in locales)
    title = f"{html.escape(site_name)} · {heading}" if site_name else heading
    script = SCRIPT % json.dumps(list(locales))
    return (
        f'<!doctype html>\n<html lang="{source_locale}" dir="{ui.direction(source_locale)}">\n<head>\n'
        '  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'  <link rel="icon" href="{source_locale}/assets/images/favicon.png">\n'
        f"  <title>{title}</title>\n{alternates}\n"
        f'  <link rel="alternate" hreflang="x-default" href="./">\n'
        f"  <style>\n{STYLE}\n  </style>\n  <script>\n{script}\n  </script>\n"
        f"</head>\n<body>\n  <main>\n    <h1>{heading}</h1>\n    <ul>\n{items}\n    </ul>\n  </main>\n"
        "</body>\n</html>\n"
    )


def not_found_html(locales: Sequence[str], source_locale: str, root: str = "/") -> str:
    """The site's root ``404.html``: "not found" in every locale, each with a link to its home.

    A host serves it for any missing address at any depth, so links start at the site's
    path (``root``, from ``site_url``), never relative to where the visitor is.
    """
    base = root if root.endswith("/") else f"{root}/"
    blocks = "\n".join(_not_found_block(loc, base, 1 if loc == source_locale else 2) for loc in locales)
    return (
        f'<!doctype html>\n<html lang="{source_locale}" dir="{ui.direction(source_locale)}">\n<head>\n'
        '  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '  <meta name="robots" content="noindex">\n'
        f"  <title>{html.escape(ui.text(source_locale, 'not_found_title'))}</title>\n"
        f"  <style>\n{STYLE}\n    section {{ margin-bottom: 1.5rem; }}\n"
        "    h2 { font-size: 1.25rem; font-weight: 500; }\n  </style>\n</head>\n<body>\n  <main>\n"
        f"{blocks}\n  </main>\n</body>\n</html>\n"
    )


def _not_found_block(locale: str, base: str, level: int) -> str:
    keys = ("not_found_title", "not_found_text", "not_found_home")
    words = {key: html.escape(ui.text(locale, key)) for key in keys}
    return (f'    <section lang="{locale}" dir="{ui.direction(locale)}">\n'
            f"      <h{level}>{words['not_found_title']}</h{level}>\n"
            f"      <p>{words['not_found_text']}</p>\n"
            f'      <p><a href="{base}{locale}/" hreflang="{locale}">{words["not_found_home"]}</a></p>\n'
            "    </section>")
