"""The changelog's files, and the one writer of the output tree.

Everything is rendered and validated in memory first (``notices.json`` against
``schemas/notices.schema.json``); only then is each file written to a temporary file
beside it and renamed over the old one, so a failure never leaves a file half-written.

The files are a pure function of the notices, the site, the locales, the notice
templates and wording, the schema and Redline's code; with a cache, a run whose inputs
are those of an earlier run recalls them whole instead of rendering and serializing
again (the per-notice texts are cached too, for the runs where only a few notices changed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from redline.config import Project
from redline.load.schemas import check_notices, schema_digest
from redline.notices.model import Notice, notices_document
from redline.publish.atomic import write_atomic
from redline.publish.emails import NoticeTemplates
from redline.publish.feeds import FeedSite, atom_feed, json_feed
from redline.publish.mail import message
from redline.render.facts import Facts
from redline.render.inputs import as_json, digest
from redline.render.store import compress, decompress

#: bump when what :func:`changelog_files` keeps changes shape
FILES_FORMAT = "changelog-files-2"


def notices_json(notices: Sequence[Notice], project: Project, site: FeedSite,
                 checked: Facts | None = None) -> str:
    """``notices.json``, validated against its schema (``checked``: notices found valid before)."""
    document = notices_document(list(notices), site.url, project.locales)
    check_notices(document, checked)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def changelog_files(notices: Sequence[Notice], project: Project, site: FeedSite,
                    templates: NoticeTemplates) -> dict[str, str]:
    """Every file of the changelog, by path relative to the output folder."""
    store = templates.cache.store if templates.cache is not None else None
    key = files_key(notices, project, site, templates)
    found = _recall(store.rendering(key)) if store is not None else None
    if found is not None:
        return found
    files = _changelog_files(notices, project, site, templates)
    if store is not None:
        store.put_rendering(key, compress(list(files.items())))  # pairs: the order of the files stays
    return files


def files_key(notices: Sequence[Notice], project: Project, site: FeedSite, templates: NoticeTemplates) -> str:
    """The hash of everything the changelog's files depend on but Redline's code (the cache is per engine)."""
    return "changelog-files:" + digest(
        FILES_FORMAT, templates.inputs(), schema_digest(), site.url, site.name,
        as_json(list(project.locales)), *(templates.notice_digest(notice) for notice in notices))


def _recall(raw: bytes | None) -> dict[str, str] | None:
    if raw is None:
        return None
    try:
        pairs = decompress(raw)
        files = {str(name): text for name, text in pairs}
    except (ValueError, TypeError):
        return None  # a damaged entry is a miss
    return files if all(isinstance(text, str) for text in files.values()) else None


def _changelog_files(notices: Sequence[Notice], project: Project, site: FeedSite,
                     templates: NoticeTemplates) -> dict[str, str]:
    checked = templates.cache.facts if templates.cache is not None else None
    files = {"notices.json": notices_json(notices, project, site, checked)}
    for locale in project.locales:
        files[f"feeds/{locale}.atom.xml"] = atom_feed(notices, locale, site, templates)
        files[f"feeds/{locale}.json"] = json_feed(notices, locale, site, templates)
        for notice in notices:
            text, html = templates.email(notice, locale)
            files[f"emails/{notice.id}.{locale}.txt"] = text
            files[f"emails/{notice.id}.{locale}.html"] = html
            if templates.sender is not None:
                subject = templates.subject(notice, locale)
                files[f"emails/{notice.id}.{locale}.eml"] = message(
                    notice, locale, subject, (text, html), templates.sender, site.host)
    return files


def stale_files(out: Path, files: Mapping[str, str]) -> list[str]:
    """The files that are missing from ``out`` or differ from what would be written."""
    if not out.is_dir():
        return list(files)
    return [name for name, text in files.items() if _read(out / name) != text]


def _read(path: Path) -> str | None:
    # bytes as they are: read_text would turn the CRLF line ends of the .eml messages into LF
    return path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else None


def write_files(out: Path, files: Mapping[str, str]) -> list[str]:
    """Write the files that changed (temporary file + rename, each); return their names."""
    changed = stale_files(out, files)
    for folder in dict.fromkeys((out / name).parent for name in changed):
        folder.mkdir(parents=True, exist_ok=True)
    for name in changed:
        write_atomic(out / name, files[name])
    return changed
