"""Policy text quoted in the pull-request comment links, shows and notifies nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from redline.cli import main

OLD = "# Notice\n\n## Sharing\n\nWe share data with our payment processor.\n"
NEW = ("# Notice\n\n## Sharing\n\nWe share data with our payment processor. "
       "[click](https://evil.example) ![x](https://evil.example/t.gif) @acme/legal <!-- hide -->\n")


def test_changed_text_in_the_markdown_report_is_inert(tmp_path: Path) -> None:
    """No Markdown link or image, no raw HTML comment and no live @mention reach the comment."""
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(old), str(new), "--format", "markdown"])
    changed = result.output.split("<summary>Changed text</summary>", 1)[1]
    assert result.exit_code == 0
    assert changed == (
        "\n\n#### Sharing\n\n- We share data with our payment processor.<ins> &#91;click&#93;"
        "(https://evil.example) !&#91;x&#93;(https://evil.example/t.gif) @\u200bacme/legal "
        "&lt;!-- hide --&gt;</ins>\n\n</details>\n")
