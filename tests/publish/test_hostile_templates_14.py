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
