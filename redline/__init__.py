"""Redline: policy-as-code publishing.

The pipeline is visible in the package layout::

    load/      snapshot files (working tree or a git commit), data, front matter, catalogs
    render/    one policy in one locale -> Markdown + section tree
    diff/      two renderings -> changes per section and per fact
    classify/  changes -> material / editorial findings
    publish/   site pages, notices, feeds, emails (the only stage that writes)
"""

from __future__ import annotations

__version__ = "0.1.0"
