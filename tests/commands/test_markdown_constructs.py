"""Each Markdown construct the diff cannot read is refused by ``check`` and by ``build``, alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import main
from tests.commands.test_bad_input import prepare

POLICY = ("---\ntitle: Test Policy\neffective: 2026-02-01\nupdated: 2026-02-01\n---\n"
          "# Test Policy { #top }\n\n## Retention { #retention }\n\n"
          "Logs are kept for {{ retention.logs | duration }}.\n\n")
#: construct -> (the Markdown added at line 12, the first refusal's line and words)
CONSTRUCTS = {
    "html comment": ("We do <!-- not --> sell your data.\n", "12: an HTML comment"),
    "attribute list with a class": ("We do not sell your data.\n{: .md-toggle }\n", "13: the attribute list"),
    "definition list": ("GDPR\n: the regulation we follow.\n", "13: a definition list"),
    "footnote": ("We keep logs[^1].\n\n[^1]: Backups longer.\n", "12: a footnote"),
    "abbreviation": ("Data stays in the EEA.\n\n*[EEA]: European Economic Area\n", "14: an abbreviation"),
    "reference-style link": ("See [our vendors][v].\n\n[v]: https://example.com/v\n",
                             "12: a reference-style link"),
    "html block": ('<div class="md-toggle">We do not sell your data.</div>\n', "12: an HTML block"),
    "indented code block": ("Our address:\n\n    1 Main Street\n", "14: an indented code block"),
}


def _run(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--project", str(project)], env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_check_and_build_refuse_the_construct_with_the_same_words(name: str, tmp_path: Path) -> None:
    """check lists it (exit 1), build stops on it (exit 2, no site written), with one message."""
    markdown, expected = CONSTRUCTS[name]
    project = tmp_path / "project"
    prepare({"files": {"policies/p.md": POLICY + markdown}}, project)
    code, checked = _run(project, "check")
    assert code == 1
    first = next(line for line in checked.splitlines() if line.startswith("policies/p.md:"))
    assert first.startswith(f"policies/p.md:{expected}")
    code, built = _run(project, "build", "--no-history", "--allow-fallback", "--date", "2026-03-01")
    assert (code, built.splitlines()[0]) == (2, f"Error: {first}")
    assert not (project / "site").exists()


def test_the_example_constructs_that_are_read_pass_check(tmp_path: Path) -> None:
    """Ids, admonitions, tables, quotes and inline links stay allowed (read as the site shows them)."""
    allowed = ('## Sharing { #sharing }\n\n!!! note "In short"\n    We do not sell your data.\n\n'
               "| Vendor | Country |\n|---|---|\n| Acme | DE |\n\n> We never sell data.\n\n"
               "See [our vendors](https://example.com/v).\n")
    project = tmp_path / "project"
    prepare({"files": {"policies/p.md": POLICY + allowed}}, project)
    _, output = _run(project, "check")
    assert [line for line in output.splitlines() if line.startswith("policies/p.md:")] == []
