"""mkdocs.yml comes through pull requests: YAML tags MkDocs would run as code are refused.

Names of Markdown extensions (Material's emoji settings) still pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.config import load_project
from redline.errors import RedlineError

HEAD = "site_name: X\nplugins:\n  - redline:\n      locales: [en]\n"


def write(root: Path, extra: str) -> Path:
    """A mkdocs.yml with ``extra`` appended."""
    (root / "mkdocs.yml").write_text(HEAD + extra, encoding="utf-8")
    return root


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system [id]", "!!python/object/new:subprocess.Popen [[id]]",
    "!!python/object:os.PathLike {}", "!!python/module:os", "!!python/name:os.system",
    "!!python/name:subprocess.run",
])
def test_tags_that_run_code_are_refused(tmp_path: Path, tag: str) -> None:
    """Each tag that constructs, calls or imports outside Markdown extensions names its line."""
    with pytest.raises(RedlineError) as caught:
        load_project(write(tmp_path, f"extra:\n  x: {tag}\n"))
    shown = tag.split(" ")[0]
    assert str(caught.value.message) == (
        f"{tmp_path}/mkdocs.yml:6: YAML tag '{shown}' could run code\n"
        "  fix: remove it: mkdocs.yml may only name Markdown extensions "
        "(!!python/name:material..., pymdownx..., markdown...)")


def test_names_of_markdown_extensions_pass(tmp_path: Path) -> None:
    """Material's documented emoji settings keep working."""
    extra = ("markdown_extensions:\n  - pymdownx.emoji:\n"
             "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
             "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")
    assert load_project(write(tmp_path, extra)).locales == ("en",)


def test_inherited_configuration_is_checked_too(tmp_path: Path) -> None:
    """A file mkdocs.yml INHERITs is loaded by MkDocs the same way: its tags are checked as well."""
    base = "extra:\n  x: !!python/object/apply:os.system [id]\n"
    (tmp_path / "base.yml").write_text(base, encoding="utf-8")
    with pytest.raises(RedlineError) as caught:
        load_project(write(tmp_path, "INHERIT: base.yml\n"))
    assert caught.value.message.splitlines()[0] == (
        f"{tmp_path}/base.yml:2: YAML tag '!!python/object/apply:os.system' could run code")


@pytest.mark.parametrize("parent", ["/etc/passwd", "../outside.yml", "missing.yml"])
def test_inherit_must_name_a_file_of_the_repository(tmp_path: Path, parent: str) -> None:
    """INHERIT outside the repository, or of no file, is refused."""
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "outside.yml").write_text("site_name: elsewhere\n", encoding="utf-8")
    with pytest.raises(RedlineError) as caught:
        load_project(write(root, f"INHERIT: {parent}\n"))
    assert caught.value.message == (
        f"{root}/mkdocs.yml: INHERIT '{parent}' is not a configuration file inside the repository\n"
        "  fix: inherit a YAML file of this repository, or remove INHERIT")
