"""The content lint of ``redline check`` (issue 17): each rule, the silences in lint.yml, the example."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from redline.cli import main
from redline.config import load_project
from redline.lint import lint_policies
from redline.load.snapshot import WorkTree
from redline.load.sources import load_sources
from tests.conftest import GitProject, make_project
from tests.paths import ROOT

MKDOCS = "site_name: Mini\ndocs_dir: policies\nplugins:\n  - redline:\n      locales: [{locales}]\n"
HEAD = "---\ntitle: Terms\neffective: 2026-01-01\n---\n\n# Terms { #terms }\n\n"
SILENCE_FIX = "; or keep it, with a reason: add `- {{rule: {rule}, policy: terms, section: {section}, " \
    "reason: …}}` under `silence:` in lint.yml"


def repo(tmp_path: Path, body: str, locales: str = "en", **files: str) -> GitProject:
    """A repository with one policy ``terms`` (``body`` under its title) and ``files``."""
    project = make_project(tmp_path / "repo", example=False)
    project.write({"mkdocs.yml": MKDOCS.format(locales=locales), "policies/terms.md": HEAD + body,
                   **{path.replace("__", "/").replace("_dot_", "."): text for path, text in files.items()}})
    return project


def check(project: GitProject) -> tuple[int, str]:
    """Run `redline check` on ``project``: exit status and the whole output."""
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    return result.exit_code, result.output


def test_empty_heading_before_a_heading_of_its_level(tmp_path: Path) -> None:
    """A heading followed by a heading of the same level is reported; one with subsections is not."""
    body = ("## One { #one }\n\n### Part { #part }\n\nText.\n\n## Two { #two }\n\n"
            "## Three { #three }\n\nEnd.\n")
    assert check(repo(tmp_path, body)) == (1, (
        "policies/terms.md:14: heading 'Two' has no text before the next heading of its level "
        "[empty-heading]\n"
        "  fix: write the section's text under it, or remove the heading"
        + SILENCE_FIX.format(rule="empty-heading", section="two") + "\n"
        "Error: 1 problem found\n"))


def test_empty_heading_at_the_end_of_the_policy(tmp_path: Path) -> None:
    """The last heading of a policy, with nothing after it, is an empty heading too."""
    code, output = check(repo(tmp_path, "Text.\n\n## Last { #last }\n"))
    assert (code, output.splitlines()[0]) == (1, "policies/terms.md:10: heading 'Last' has no text before "
                                                 "the next heading of its level [empty-heading]")


def test_duplicate_paragraph(tmp_path: Path) -> None:
    """A paragraph written twice is reported at the second, naming the first; repeated facts are not."""
    body = ("We keep your data safe.\n\n{{ policy.effective }}\n\n## More { #more }\n\n"
            "{{ policy.effective }}\n\nWe keep your data\nsafe.\n")
    assert check(repo(tmp_path, body)) == (1, (
        "policies/terms.md:16: this paragraph repeats line 8 word for word: 'We keep your data safe.' "
        "[duplicate-paragraph]\n"
        "  fix: delete one of the two, or reword it if both are meant"
        + SILENCE_FIX.format(rule="duplicate-paragraph", section="more") + "\n"
        "Error: 1 problem found\n"))


def test_label_followed_by_another_label(tmp_path: Path) -> None:
    """A caption line followed by a labelled line instead of its value is reported."""
    body = "Registered Address\n\nMain Street 1\n\nData Protection Contact\n\nLicense Number: 42\n"
    assert check(repo(tmp_path, body)) == (1, (
        "policies/terms.md:12: label 'Data Protection Contact' is followed by another label, "
        "'License Number:', instead of its value [empty-label]\n"
        "  fix: write the value of 'Data Protection Contact' after it, or make it a heading if it "
        "introduces what follows" + SILENCE_FIX.format(rule="empty-label", section="terms") + "\n"
        "Error: 1 problem found\n"))


def test_label_with_an_empty_value(tmp_path: Path) -> None:
    """``Label:`` with nothing before the next heading, and ``Label: Other:``, are reported."""
    body = ("We rely on:\n\n- Contracts.\n\n- **Email:** **Phone:**\n\nPrivacy Contact:\n\n"
            "## Next { #next }\n\nText.\n")
    assert check(repo(tmp_path, body)) == (1, (
        "policies/terms.md:12: label 'Email:' has another label as its value: 'Phone:' [empty-label]\n"
        "  fix: write the value of 'Email' after it, or remove one of the two labels"
        + SILENCE_FIX.format(rule="empty-label", section="terms") + "\n"
        "policies/terms.md:14: label 'Privacy Contact:' has no value before the next heading [empty-label]\n"
        "  fix: write the value after 'Privacy Contact:', or remove the label"
        + SILENCE_FIX.format(rule="empty-label", section="terms") + "\n"
        "Error: 2 problems found\n"))


def test_link_to_a_missing_anchor(tmp_path: Path) -> None:
    """Links to ids no heading has, here or in another policy, are reported; existing ones are not."""
    body = ("## Use { #use }\n\nSee [use](#use), [Other](other.md#scope), [site](https://x.org/#nope) "
            "and [it](#uses).\n\nAlso [Other](other.md#nowhere) and [Auto](#auto-heading).\n\n"
            "## Auto Heading\n\nText.\n")
    other = HEAD.replace("Terms", "Other").replace("#terms", "#other") + "## Scope { #scope }\n\nX.\n"
    assert check(repo(tmp_path, body, policies__other_dot_md=other)) == (1, (
        "policies/terms.md:10: link to '#uses': terms has no section 'uses' in any locale — did you mean "
        "'use'? [broken-anchor]\n"
        "  fix: point the link at a section id of terms (the { #id } after its headings)"
        + SILENCE_FIX.format(rule="broken-anchor", section="use") + "\n"
        "policies/terms.md:12: link to 'other.md#nowhere': other has no section 'nowhere' in any locale "
        "— did you mean 'other'? [broken-anchor]\n"
        "  fix: point the link at a section id of other (the { #id } after its headings)"
        + SILENCE_FIX.format(rule="broken-anchor", section="use") + "\n"
        "Error: 2 problems found\n"))


def test_link_to_a_missing_anchor_in_a_translation(tmp_path: Path) -> None:
    """A translation that links to an id no locale has is reported at its catalog line."""
    body = "## Use { #use }\n\nSee [use](#use).\n"
    po = ('msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
          'msgid "Terms"\nmsgstr "Términos"\n\nmsgid "Use"\nmsgstr "Uso"\n\n'
          'msgid "See [use](#use)."\nmsgstr "Véase [uso](#uso)."\n')
    project = repo(tmp_path, body, locales="en, es", locales__es__LC_MESSAGES__messages_dot_po=po)
    assert check(project) == (1, (
        "locales/es/LC_MESSAGES/messages.po:12: link (es) to '#uso': terms has no section 'uso' in any "
        "locale — did you mean 'use'? [broken-anchor]\n"
        "  fix: point the link at a section id of terms (the { #id } after its headings)"
        + SILENCE_FIX.format(rule="broken-anchor", section="use") + "\n"
        "Error: 1 problem found\n"))


def test_clean_text_has_no_findings(tmp_path: Path) -> None:
    """Labelled list items, an intro ending in a colon, a caption with its value: no finding."""
    body = ("We keep these records:\n\n- **Account Data:** your name.\n- **Logs:** access times.\n\n"
            "Registered Address\n\n{{ policy.title }}\n\nPrivacy: privacy@example.com\n\n"
            "## Next { #next }\n\nSee [Terms](#terms).\n")
    assert check(repo(tmp_path, body)) == (0, "ok: 1 policies, 1 locales\n")


SILENCED_BODY = "## Empty { #empty }\n\n## Full { #full }\n\nText.\n"


def test_a_silence_keeps_check_green_and_is_listed(tmp_path: Path) -> None:
    """A finding silenced in lint.yml no longer fails the check; the check lists it with its reason."""
    lint = ("silence:\n  - rule: empty-heading\n    policy: terms\n    section: empty\n"
            "    reason: The legal team writes it next week.\n")
    assert check(repo(tmp_path, SILENCED_BODY, lint_dot_yml=lint)) == (0, (
        "policies/terms.md:8: heading 'Empty' has no text before the next heading of its level "
        "[empty-heading]\n"
        "  silenced by lint.yml:2: The legal team writes it next week.\n"
        "ok: 1 policies, 1 locales (1 lint finding silenced)\n"))


def test_a_silence_that_matches_nothing_is_a_problem(tmp_path: Path) -> None:
    """A silence whose finding is gone (or never was) fails the check, with a did-you-mean."""
    lint = ("silence:\n  - rule: empty-heading\n    policy: terms\n    section: emty\n"
            "    reason: The legal team writes it next week.\n")
    code, output = check(repo(tmp_path, SILENCED_BODY, lint_dot_yml=lint))
    assert (code, output.splitlines()[2:]) == (1, [
        "lint.yml:2: silence of empty-heading in terms#emty matches no finding — did you mean 'empty'?",
        "  fix: the text it excused has changed: delete the entry (or correct its policy, section or text)",
        "Error: 2 problems found"])


def test_a_silence_needs_a_reason(tmp_path: Path) -> None:
    """A silence without a reason is bad input: exit 2, file:line, what to write."""
    lint = "silence:\n  - rule: empty-heading\n    policy: terms\n    section: empty\n    reason: ' '\n"
    assert check(repo(tmp_path, SILENCED_BODY, lint_dot_yml=lint)) == (2, (
        "Error: lint.yml:5: a silence needs a written reason\n"
        "  fix: write why the finding stays: `reason: …` (it stays in the repository)\n"))


def test_a_silence_names_a_known_rule(tmp_path: Path) -> None:
    """An unknown rule name in lint.yml is bad input, with a did-you-mean."""
    lint = "silence:\n  - rule: empty-headings\n    policy: terms\n    section: empty\n    reason: Later.\n"
    assert check(repo(tmp_path, SILENCED_BODY, lint_dot_yml=lint)) == (2, (
        "Error: lint.yml:2: unknown lint rule 'empty-headings' — did you mean 'empty-heading'?\n"
        "  fix: use one of: empty-heading, duplicate-paragraph, empty-label, broken-anchor\n"))


def test_lint_on_the_example_finds_the_seed_problems() -> None:
    """On the example, the lint finds exactly the seed's empty 3.3, the §16 label and the repeated licence."""
    project = load_project(ROOT)
    found = lint_policies(load_sources(WorkTree(ROOT), project))
    assert [(f.rule, f.where, f.section, f.subject) for f in found] == [
        ("empty-heading", "policies/privacy.md:79", "use-security", "3.3 For Safety & Security"),
        ("empty-label", "policies/privacy.md:236", "contact", "Data Protection Contact"),
        ("duplicate-paragraph", "policies/privacy.md:238", "contact",
         "License Number: {{ company.license_number }}"),
    ]


def test_the_example_is_green_with_its_silences_listed() -> None:
    """`redline check` on the example exits 0 and lists the three findings lint.yml keeps, with reasons."""
    result = CliRunner().invoke(main, ["check", "--project", str(ROOT)])
    lines = result.output.splitlines()
    assert (result.exit_code, lines[0::2]) == (0, [
        "policies/privacy.md:79: heading '3.3 For Safety & Security' has no text before the next heading "
        "of its level [empty-heading]",
        "policies/privacy.md:236: label 'Data Protection Contact' is followed by another label, "
        "'License Number:', instead of its value [empty-label]",
        "policies/privacy.md:238: this paragraph repeats line 24 word for word: "
        "'License Number: {{ company.license_number }}' [duplicate-paragraph]",
        "ok: 3 policies, 4 locales (3 lint findings silenced)"])
    assert [line.split(":")[0:2] for line in lines[1::2]] == [
        ["  silenced by lint.yml", "4"], ["  silenced by lint.yml", "10"], ["  silenced by lint.yml", "16"]]

