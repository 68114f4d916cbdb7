"""Redline's marker around a block shown untranslated (in English) on a translated page.

Written by the render stage, read back by the diff (it tells the language; it hides and
restyles nothing, so it is not formatting) and by the comparison pages (to name the
language). One definition, so the writer and the readers cannot drift apart.
"""

from __future__ import annotations

import re

CLASS = "redline-fallback"
#: the opening tag the render stage writes around an untranslated block
FALLBACK_OPEN = f'<span class="{CLASS}" lang="en" dir="ltr">'
FALLBACK_CLOSE = "</span>"
#: any opening tag of the marker, whatever its lang and dir
FALLBACK_TAG_RE = re.compile(rf'<span class="{CLASS}"(?: (?:lang|dir)="[\w-]+")*>')
#: a block that starts with the marker; group 1 is its language
FALLBACK_START_RE = re.compile(rf'^\s*<span class="{CLASS}" lang="([\w-]+)"')
