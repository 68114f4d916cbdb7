"""Any locale Babel knows publishes: a script or region subtag, or a language Material has no words for."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from redline.cli import main


def test_locales_material_lacks_or_spells_otherwise_build_and_are_reported(tmp_path: Path) -> None:
    """zh_Hant and sw: init writes them, the site builds, each page says its own language, and the
    English of Material's chrome for sw is a warning, not a silence."""
    runner = CliRunner()
    made = runner.invoke(main, ["init", str(tmp_path / "repo"), "--locales", "en,zh_Hant,sw", "--no-git"])
    assert made.exit_code == 0, made.output
    built = runner.invoke(main, ["build", "--project", str(tmp_path / "repo"), "--no-history",
                                 "--allow-fallback", "--site-dir", str(tmp_path / "site")],
                          env={"NO_MKDOCS_2_WARNING": "1", "REDLINE_CACHE_DIR": "off"})
    assert built.exit_code == 0, built.output
    assert "mkdocs-material has no interface words for sw" in built.output
    assert "mkdocs-material has no interface words for zh_Hant" not in built.output  # it has zh-Hant
    for locale, spelled in (("zh_Hant", "zh-Hant"), ("sw", "sw")):
        page = (tmp_path / "site" / locale / "privacy" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{spelled}" dir="ltr"', page), page[:200]
        assert f'hreflang="{spelled}"' in page
