"""A whole section about one named recipient removed is editorial; with a promise in it, material."""

from __future__ import annotations

import pytest

from redline.classify import classify
from redline.diff import diff_documents

EN = ("# Policy\n\n## Who we share data with\n\nWe share data with the companies below.\n\n"
      "### We use Alder Analytics.\n\n{body}\n\n"
      "### We use Birch Mail.\n\nBirch Mail sends our newsletters.\n")
DE = ("# Datenschutz\n\n## Empfänger Ihrer Daten\n\nWir geben Daten an die folgenden Firmen weiter.\n\n"
      "### Alder Analytics\n\n{body}\n\n### Birch Mail\n\nBirch Mail versendet unsere Newsletter.\n")


def _verdict(template: str, body: str, lang: str) -> tuple[bool, tuple[str, ...]]:
    old = template.format(body=body)
    start = old.index("### ")
    new = old[:start] + old[old.index("### ", start + 1):]
    diff = diff_documents(old, new)
    verdict = classify(diff.sections, layout=diff.layout, lang=lang)
    return verdict.material, verdict.categories


@pytest.mark.parametrize(("template", "lang", "body"), [
    (EN, "en", "Alder Analytics counts which pages of our site you visit, so we know what to improve."),
    (DE, "de", "Alder Analytics zählt, welche Seiten unserer Website Sie besuchen."),
])
def test_recipient_section_removed_is_editorial(template: str, lang: str, body: str) -> None:
    """The company no longer receives data: fewer recipients, nothing promised goes with it."""
    assert _verdict(template, body, lang) == (False, ("removed-recipient",))


@pytest.mark.parametrize(("template", "lang", "body"), [
    (EN, "en", "Alder Analytics never receives your name or e-mail address."),
    (EN, "en", "Alder Analytics receives your page views only after you accept analytics cookies."),
    (EN, "en", "You can opt out of Alder Analytics in your account settings."),
    (EN, "en", "Alder Analytics deletes the page views after 14 days."),
    (DE, "de", "Alder Analytics erhält niemals Ihren Namen."),
    (DE, "de", "Sie können der Verarbeitung durch Alder Analytics jederzeit widersprechen."),
])
def test_recipient_section_with_a_promise_stays_material(template: str, lang: str, body: str) -> None:
    """A negation, a limit, a right or a period in the removed section keeps it material."""
    assert _verdict(template, body, lang)[0]


def test_section_without_a_company_name_stays_material() -> None:
    """A removed section whose heading names no company ("We use analytics.") is not a recipient."""
    old = ("# Policy\n\n## Who we share data with\n\nIntro.\n\n### We use analytics.\n\n"
           "Analytics tells us which pages you visit.\n\n### Other\n\nText.\n")
    new = "# Policy\n\n## Who we share data with\n\nIntro.\n\n### Other\n\nText.\n"
    diff = diff_documents(old, new)
    assert classify(diff.sections, layout=diff.layout).material
