"""Redline: policy-as-code publishing.

The pipeline is visible in the package layout; each folder imports only those above it::

    load/      snapshot files (working tree or a git commit), data, front matter, catalogs, schemas
    render/    one policy in one locale -> Markdown + section tree
    diff/      two renderings -> changes per section and per fact
    classify/  changes -> material / editorial findings; editors' overrides
    compare/   two sides (git refs or two files) -> the report of ``redline diff`` / ``compare``, the gate
    history/   every version of every policy from main's first-parent history (the site)
    notices/   one notice per (policy, effective date): the model and what it says
    publish/   site pages, the changes page, feeds, emails, changelog files (the only stage that writes)
    i18n/      gettext extraction of the translation units

Around them: ``config.py`` (the one reader of ``mkdocs.yml``), ``errors.py`` (one exception
hierarchy, free of click), ``gitio.py``, ``blocks.py``; the adapters ``cli.py`` + ``commands/``
(click) and ``mkdocs_plugin.py`` + ``mkdocs_build.py`` (MkDocs) sit on top. See
``docs/decisions/0008-package-layout.md``.
"""

from __future__ import annotations

__version__ = "0.1.0"
