"""Ready-to-send notices: one RFC 5322 message (``.eml``) per notice and locale.

Built with Python's :mod:`email` package: ``multipart/alternative`` with the plain-text
and the HTML body the templates made, a localized ``Subject``, ``From`` and
``Reply-To`` from the policies' data, and a ``List-Unsubscribe`` header holding
:data:`UNSUBSCRIBE` for the mail pipeline to replace per recipient (the footer holds it
too; bodies are 8bit UTF-8, so a plain text replacement over the file reaches both). Deterministic: the
``Date`` is the notice date (midnight UTC), the ``Message-ID`` and the MIME boundary
are made of the notice id and the locale, so a rebuild writes the same bytes.
There is no ``To``: the pipeline adds one per recipient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.notices.model import Notice

#: the placeholder the pipeline replaces with the recipient's unsubscribe address (header and footer)
UNSUBSCRIBE = "https://unsubscribe.invalid/%%UNSUBSCRIBE%%"
#: where the sender is read in the policies' data (``<file>.<key>``)
CONTROLLER, BRAND, ADDRESS = "company.legal_name", "company.brand", "contacts.privacy"


@dataclass(frozen=True)
class Sender:
    """Who sends the notices: the controller, as the policies' data name it.

    Attributes:
        controller: the controller's legal name (the footer names it).
        name: the display name in ``From`` (the brand, else the legal name).
        address: the address of ``From`` and ``Reply-To``.
    """

    controller: str
    name: str
    address: str

    def as_json(self) -> dict[str, str]:
        """What the templates see (``sender.controller``, ``sender.name``, ``sender.address``)."""
        return {"controller": self.controller, "name": self.name, "address": self.address}


def sender_in(values: dict[str, Any], folder: str = "policies/_data") -> Sender | None:
    """The sender in the data ``values`` (file -> data of ``folder``), or None when they name no controller.

    >>> company = {"legal_name": "Example Ltd", "brand": "Ex"}
    >>> sender_in({"company": company, "contacts": {"privacy": "p@ex.test"}})
    Sender(controller='Example Ltd', name='Ex', address='p@ex.test')
    >>> sender_in({"company": {"legal_name": "Example Ltd"}}) is None
    True
    """
    controller, brand, address = (_lookup(values, path) for path in (CONTROLLER, BRAND, ADDRESS))
    if controller is None or address is None:
        return None
    if "@" not in address or any(c in address for c in "<>\r\n\"") or not address.isascii():
        raise RedlineError(f"'{ADDRESS}' is not an email address: {address!r}",
                           where=f"{folder}/contacts.yml",
                           fix="write a plain address such as privacy@example.com")
    return Sender(controller, brand or controller, address)


def _lookup(values: dict[str, Any], path: str) -> str | None:
    found: Any = values
    for key in path.split("."):
        found = found.get(key) if isinstance(found, dict) else None
    return str(found) if isinstance(found, str) and found.strip() else None


def project_sender(root: Path, policies_dir: str) -> Sender | None:
    """The sender named by the working tree's data (``policies/_data``)."""
    from redline.load.data import load_data
    from redline.load.snapshot import WorkTree

    folder = f"{policies_dir}/_data"
    data, issues = load_data(WorkTree(root), folder)
    if issues:
        raise issues[0].error()
    return sender_in(data.values, folder)


def message(notice: Notice, locale: str, subject: str, bodies: tuple[str, str], sender: Sender,
            host: str) -> str:
    """The notice in ``locale`` as an RFC 5322 message (CRLF line ends), ready for the pipeline.

    Args:
        notice: the notice.
        locale: its locale (``Content-Language``).
        subject: the localized subject.
        bodies: the plain-text and HTML bodies.
        sender: who sends it.
        host: the site's host name, the right part of the ``Message-ID``.
    """
    mail = EmailMessage(policy=policy.SMTP)
    mail["From"] = Address(display_name=sender.name, addr_spec=sender.address)
    mail["Reply-To"] = Address(addr_spec=sender.address)
    mail["Subject"] = subject
    mail["Date"] = format_datetime(dt.datetime.combine(notice.notice_date, dt.time(), dt.UTC))
    mail["Message-ID"] = f"<{notice.id}.{locale}@{host}>"
    mail["List-Unsubscribe"] = f"<{UNSUBSCRIBE}>"
    mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail["X-Redline-Notice"] = notice.id
    text, html = bodies
    # 8bit: the bodies stay readable and the placeholder replaceable as plain text (8BITMIME)
    mail.set_content(text, subtype="plain", charset="utf-8", cte="8bit")
    mail.add_alternative(html, subtype="html", charset="utf-8", cte="8bit")
    mail.set_boundary(f"redline-{notice.id}-{locale}")
    mail["Content-Language"] = locale  # after the parts: making them moves Content-* headers into the first

    return mail.as_bytes().decode("utf-8")  # as_string would re-encode 8bit bodies as base64
