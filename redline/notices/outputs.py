"""The changelog's files, and the one writer of the output tree.

Everything is rendered and validated in memory first (``notices.json`` against
``schemas/notices.schema.json``); only then is each file written to a temporary file
beside it and renamed over the old one, so a failure never leaves a file half-written.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from redline.config import Project
from redline.notices.emails import NoticeTemplates
from redline.notices.feeds import FeedSite, atom_feed, json_feed
from redline.notices.model import Notice, notices_document
from redline.notices.schema import check_notices


def notices_json(notices: Sequence[Notice], project: Project, site: FeedSite) -> str:
    """``notices.json``, validated against its schema."""
    document = notices_document(list(notices), site.url, project.locales)
    check_notices(document)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def changelog_files(notices: Sequence[Notice], project: Project, site: FeedSite,
                    templates: NoticeTemplates) -> dict[str, str]:
    """Every file of the changelog, by path relative to the output folder."""
    files = {"notices.json": notices_json(notices, project, site)}
    for locale in project.locales:
        files[f"feeds/{locale}.atom.xml"] = atom_feed(notices, locale, site, templates)
        files[f"feeds/{locale}.json"] = json_feed(notices, locale, site, templates)
        for notice in notices:
            text, html = templates.email(notice, locale)
            files[f"emails/{notice.id}.{locale}.txt"] = text
            files[f"emails/{notice.id}.{locale}.html"] = html
    return files


def stale_files(out: Path, files: Mapping[str, str]) -> list[str]:
    """The files that are missing from ``out`` or differ from what would be written."""
    return [name for name, text in files.items() if _read(out / name) != text]


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write_files(out: Path, files: Mapping[str, str]) -> list[str]:
    """Write the files that changed (temporary file + rename, each); return their names."""
    changed = stale_files(out, files)
    for name in changed:
        write_atomic(out / name, files[name])
    return changed


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
