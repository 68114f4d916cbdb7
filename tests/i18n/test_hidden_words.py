"""Hostile review: translations and policy text may not hide words or add blocks and links."""

from __future__ import annotations

from pathlib import Path

from redline.load.catalogs import parse_catalog
from redline.load.structure import construct_problems, hiding_markup, structure_differs

SOURCE = "We do not sell your personal data."
HEADER = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _catalog_issues(tmp_path: Path, msgstr: str) -> list[str]:
    po = tmp_path / "messages.po"
    po.write_text(f'{HEADER}#: policies/p.md:10\nmsgid "{SOURCE}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    _, issues = parse_catalog(po.read_bytes(), "locales/es/LC_MESSAGES/messages.po", "es")
    return [f"{issue.where}: {issue.message} | {issue.fix}" for issue in issues]


def test_comment_in_translation_is_refused_with_line_and_fix(tmp_path: Path) -> None:
    """'<!-- No -->' hides the negation from readers: the catalog line and a fix are named."""
    (issue,) = _catalog_issues(tmp_path, "<!-- No --> vendemos sus datos personales.")
    assert issue.startswith("locales/es/LC_MESSAGES/messages.po:7: translation uses an HTML comment")
    assert "notes for editors belong in the commit message" in issue


def test_attribute_list_with_a_class_in_translation_is_refused(tmp_path: Path) -> None:
    """'*No*{ .md-toggle }' and a '{: .md-toggle }' line under a paragraph hide words: both refused."""
    for msgstr in ("*No*{ .md-toggle } vendemos sus datos.", "No vendemos sus datos:\\n{: .md-toggle }"):
        (issue,) = _catalog_issues(tmp_path, msgstr)
        assert "md-toggle }' (it can hide words from readers)" in issue
        assert "keep only an id ({ #id })" in issue


def test_translation_adding_a_heading_and_a_link_is_refused(tmp_path: Path) -> None:
    """New blocks after a blank line (a heading with a duplicate id, an HTML link) are refused."""
    msgstr = 'No vendemos.\\n\\n## 6. Nueva sección { #sharing }\\n\\n<a href=\\"https://evil.example/\\">Entrar</a>'
    (issue,) = _catalog_issues(tmp_path, msgstr)
    assert "translation has 3 blocks (paragraph, heading, html) where the source has 1 (paragraph)" in issue


def test_inline_html_link_counts_as_a_link() -> None:
    """An inline <a> is a link as a Markdown link is: one where the source has none is refused."""
    assert structure_differs(SOURCE, 'No <a href="https://evil.example/">vendemos</a>.') == (
        "has 1 links where the source has 0")
    assert structure_differs("See [us](https://x.test).", 'Vea <a href="https://x.test">nos</a>.') is None


def test_translation_may_not_become_a_heading_or_add_an_id() -> None:
    """A '## ' or a new '{ #id }' in a one-block translation changes the page's structure."""
    assert structure_differs("Data.", "## Datos") == "is a level-2 heading where the source is not a heading"
    assert structure_differs("Data.", "Datos { #sharing }") is not None
    assert structure_differs("Data { #d }.", "Datos { #d }.") is None


def test_policy_text_comments_and_classes_are_refused_with_their_line() -> None:
    """English '<!-- not -->', '*really*{ .md-toggle }' and a heading's class are refused, with their line."""
    body = ("## Sharing { #sharing }\n\nWe do <!-- not --> sell.\n\n*really*{ .md-toggle }\n\n"
            "## Keep { #keep .md-toggle }\n\n```\n<!-- code is shown -->\n```\n\n"
            "`{ .code }` and {{ x }} {# n #}\n")
    found = [(where, what) for where, what, _ in construct_problems(body, 6, "policies/p.md")]
    assert found == [
        ("policies/p.md:8", "an HTML comment ('<!--') is not allowed in policy text "
                            "(it can hide words from readers)"),
        ("policies/p.md:10", "the attribute list '{ .md-toggle }' is not allowed in policy text "
                             "(it can hide words from readers)"),
        ("policies/p.md:12", "the attribute list '{ #keep .md-toggle }' is not allowed in policy text "
                             "(it can hide words from readers)"),
    ]


def test_id_only_attribute_lists_and_jinja_are_not_hiding() -> None:
    """'{ #id }', '{: #id }', '{{ x }}', '{% if %}' and '{# note #}' are not attribute lists that hide."""
    text = "## T { #t }\n\nP {: #p }\n\n{{ a.b }} {% if x %}y{% endif %} {# note #} {{ '{' }}"
    assert list(hiding_markup(text)) == []
    assert list(hiding_markup('x { style="display:none" } <!x>')) == [
        "an HTML declaration ('<!x')", "the attribute list '{ style=\"display:none\" }'"]


def test_jinja_comment_in_translation_is_refused(tmp_path: Path) -> None:
    """A translation is run as a template: '{# No #}' would hide the word, so it is refused."""
    (issue,) = _catalog_issues(tmp_path, "{# No #} vendemos sus datos personales.")
    assert "translation has Jinja comments ('{# No #}') the source does not have" in issue
    assert "notes for editors belong in the commit message" in issue
