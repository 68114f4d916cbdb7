"""Hostile inputs from review B that the data-driven bad-input cases cannot express.

``redline compare`` takes two plain files (no project), and the URL and cache checks have
cases worth stating at the level of one function too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from redline.errors import RedlineError
from redline.htmlscan import url_scheme_danger
from redline.render.cache import check_cache_folder


def _compare(tmp_path: Path, old: str, new: str) -> tuple[int, str, BaseException | None]:
    (tmp_path / "old.md").write_text(old, encoding="utf-8")
    (tmp_path / "new.md").write_text(new, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "old.md"), str(tmp_path / "new.md")])
    return result.exit_code, result.output.replace(str(tmp_path), "<tmp>"), result.exception


def test_compare_refuses_deep_quote(tmp_path: Path) -> None:
    """A line of 5000 '>' is refused with file:line (the block reader would raise RecursionError)."""
    code, output, error = _compare(tmp_path, "# T\n\ntext\n", "# T\n\n" + ">" * 5000 + "\n")
    assert (code, isinstance(error, SystemExit)) == (2, True)
    assert output.startswith("Error: <tmp>/new.md:3: a line nested 5000 columns deep")


def test_compare_refuses_deep_list(tmp_path: Path) -> None:
    """A 1000-level nested list in the old file is refused up front, naming its first too-deep line."""
    deep = "# T\n\n" + "".join("  " * i + "- x\n" for i in range(1000))
    code, output, _ = _compare(tmp_path, deep, "# T\n\ntext\n")
    assert code == 2
    assert output.startswith("Error: <tmp>/old.md:53: a line nested 102 columns deep (quotes, lists")


def test_compare_accepts_ordinary_nesting(tmp_path: Path) -> None:
    """A quote in a three-level list still compares (exit 0)."""
    text = "# T\n\n- a\n  - b\n    - > c\n"
    assert _compare(tmp_path, text, text.replace("c", "d"))[0] == 0


@pytest.mark.parametrize("url", [" jav&#x61;script:alert(1)", "javascript&colon;alert(1)",
                                 "jav&amp;#x61;script:x", "&#x20;javascript:x", "java&#9;script:x"])
def test_url_scheme_decoded(url: str) -> None:
    """Character references (even doubly encoded) and spaces they decode to do not hide a script URL."""
    assert url_scheme_danger(url) == "javascript:"


def test_url_scheme_plain_links_pass() -> None:
    """Ordinary links, with entities in their query, are not script URLs."""
    assert url_scheme_danger("https://x.test/?a=1&amp;b=javascript:") is None


def test_cache_folder_elsewhere_refused(tmp_path: Path) -> None:
    """A cache folder resolving outside the project (a symlinked parent) is refused."""
    (tmp_path / "project").mkdir()
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(RedlineError, match="not a folder of the repository"):
        check_cache_folder(tmp_path / "project", tmp_path / "elsewhere")
