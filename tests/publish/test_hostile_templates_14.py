"""Notice templates are code from the repository: a |safe that writes a script is refused (issue 14)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_project
from tests.gitcases import redline, start


def test_safe_script_in_a_notice_template_is_refused(tmp_path: Path) -> None:
    """A feed entry template printing '<script>' with |safe stops the changelog: exit 2, no feed."""
    project = make_project(tmp_path / "repo")
    start(project)
    template = project.root / "templates" / "notices" / "entry.html.j2"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text("<p>{{ notice.title }}</p>{{ '<script>alert(1)</script>' | safe }}\n",
                        encoding="utf-8")
    code, out, err = redline(project, "changelog", "--out", str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert err == ("Error: templates/notices/entry.html.j2: raw <script> tag in the HTML this template "
                   "writes\n"
                   "  fix: remove it (and any |safe): feeds and emails may not carry scripts\n")
    assert not (tmp_path / "out").exists()


def test_a_notice_template_formats_in_each_locale_with_its_own_filters(tmp_path: Path) -> None:
    """One compiled template serves every locale: its date and number filters still speak each
    locale's language (en, es, ar)."""
    project = make_project(tmp_path / "repo")
    start(project)
    template = project.root / "templates" / "notices" / "email.txt.j2"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text("{{ notice.effective_iso | date }} {{ 1234.5 | number }}\n", encoding="utf-8")
    code, _, err = redline(project, "changelog", "--out", str(tmp_path / "out"))
    assert code == 0, err
    texts = {path.name.split(".")[-2]: path.read_text(encoding="utf-8")
             for path in (tmp_path / "out" / "emails").glob("privacy-*.txt")}
    assert texts["en"].startswith("February 1, 2026 1,234.5")
    assert texts["es"].startswith("1 de febrero de 2026 1.234,5")
    assert "فبراير" in texts["ar"]
