"""Ready-to-send notices: the .eml files parse with the standard library, in every locale."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from redline.errors import RedlineError
from redline.notices.model import Notice
from redline.publish.mail import UNSUBSCRIBE, Sender, message, sender_in
from tests.sitehistory import Sites, sites

NOTICE = "privacy-2026-04-15-e6c6ef4b"
SUBJECTS = {
    "en": "Changes to our Privacy Policy, effective April 15, 2026",
    "es": "Cambios en nuestra Política de Privacidad, en vigor el 15 de abril de 2026",
    "ar": "تغييرات على سياسة الخصوصية، تسري في 15 أبريل 2026",
    "ru": "Изменения документа «Политика конфиденциальности», вступают в силу 15 апреля 2026\u202fг.",
}
CONTROLLER = "COSMODATA - FZCO"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """Both sites of the history in tests/sitehistory.py."""
    return sites(tmp_path_factory)


def parsed(path: Path) -> EmailMessage:
    """An .eml file as the standard library reads it."""
    found = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(found, EmailMessage)
    return found


@pytest.mark.parametrize("locale", sorted(SUBJECTS))
def test_eml_is_a_complete_message_in_each_locale(built: Sites, locale: str) -> None:
    """Localized Subject, sender from the data, fixed Date and Message-ID, text and HTML alternatives."""
    mail = parsed(built.before / "notices" / "emails" / f"{NOTICE}.{locale}.eml")
    assert mail.defects == []
    assert (mail["Subject"], mail["From"], mail["Reply-To"]) == (
        SUBJECTS[locale], '"Dexo.chat" <privacy@dexo.chat>', "privacy@dexo.chat")
    assert (mail["Date"], mail["Message-ID"]) == (
        "Tue, 10 Mar 2026 00:00:00 +0000", f"<{NOTICE}.{locale}@legal.dexo.chat>")
    assert (mail["Content-Language"], mail["List-Unsubscribe"]) == (locale, f"<{UNSUBSCRIBE}>")
    assert mail.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mail.iter_parts()] == ["text/plain", "text/html"]
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None and html is not None
    # 8bit bodies keep the message's CRLF line ends
    plain, markup = (part.get_content().replace("\r\n", "\n") for part in (text, html))
    emails = built.before / "notices" / "emails"
    assert plain == (emails / f"{NOTICE}.{locale}.txt").read_text(encoding="utf-8")
    assert CONTROLLER in plain.split("\n--\n")[1] and UNSUBSCRIBE in plain.split("\n--\n")[1]
    intro = plain.split("\n")[0]
    assert f'<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">{intro}</div>' in markup
    assert f'<a href="{UNSUBSCRIBE}">' in markup


def test_eml_bytes_do_not_change_between_builds(built: Sites) -> None:
    """The same notice in both builds (different build dates) is the same message, byte for byte."""
    name = "cookies-2026-02-01-4762d8af.ar.eml"
    before = (built.before / "notices" / "emails" / name).read_bytes()
    assert before == (built.after / "notices" / "emails" / name).read_bytes()
    assert b"\r\n" in before and b"\n" not in before.replace(b"\r\n", b"")


def test_a_placeholder_replaced_as_text_reaches_header_and_footer() -> None:
    """The pipeline's plain replacement of the placeholder gives a message with the real link twice."""
    day = dt.date(2026, 3, 10)
    notice = Notice("p-2026-04-15-00000000", "p", {"en": "P"}, day, day, None, day, True)
    raw = message(notice, "en", "Subject", (f"Body\nUnsubscribe: {UNSUBSCRIBE}\n", "<p>x</p>\n"),
                  Sender("Example Ltd", "Example", "privacy@example.test"), "legal.example")
    filled = raw.replace(UNSUBSCRIBE, "https://mail.example/u/42")
    mail = BytesParser(policy=policy.default).parsebytes(filled.encode("utf-8"))
    body = mail.get_body(("plain",))
    assert mail["List-Unsubscribe"] == "<https://mail.example/u/42>"
    assert body is not None and body.get_content().endswith("Unsubscribe: https://mail.example/u/42\r\n")


def test_no_controller_in_the_data_means_no_eml() -> None:
    """Data without company.legal_name name no sender; a bad address is an error naming the file."""
    assert sender_in({"contacts": {"privacy": "p@x.test"}}) is None
    with pytest.raises(RedlineError) as raised:
        sender_in({"company": {"legal_name": "X"}, "contacts": {"privacy": "Name <p@x.test>"}})
    assert (raised.value.where, raised.value.fix) == (
        "policies/_data/contacts.yml", "write a plain address such as privacy@example.com")
