"""A bare URL ends at a double quote (a URL never holds a raw one), so the words after it stay words."""

from __future__ import annotations

from redline.classify import classify
from redline.diff import diff_documents
from redline.diff.canonical import visible, words


def test_bare_url_stops_at_a_double_quote() -> None:
    """The key after a URL inside JSON is a word of the text, not part of the URL."""
    assert "userid" in words(visible('{"page": "https://example.com/a?b=c","userId": "u1"}'))


def test_json_example_reformatted_as_code_is_editorial() -> None:
    """A one-line JSON example re-laid as a pretty-printed code block says the same words."""
    old = ('# Policy\n\n## Logs\n\nAn event looks like this: '
           '{"page": "https://example.com/a?b=c","userId": "u1","type": "view"} The fields are as follows.\n')
    new = ('# Policy\n\n## Logs\n\nAn event looks like this:\n\n```\n{\n  "page": "https://example.com/a?b=c",\n'
           '  "userId": "u1",\n  "type": "view"\n}\n```\n\nThe fields are as follows.\n')
    diff = diff_documents(old, new)
    verdict = classify(diff.sections, layout=diff.layout)
    assert (verdict.material, verdict.categories) == (False, ("re-paragraphed",))
