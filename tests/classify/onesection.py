"""The classifier's case tables judge one change in one section of a one-page document."""

from __future__ import annotations

from redline.classify import Verdict, classify
from redline.diff import diff_documents


def judged(lang: str, heading: str, old: str, new: str, title: str = "Policy") -> Verdict:
    """The verdict on ``old`` → ``new`` as the body of section ``heading`` of page ``title``."""
    def page(body: str) -> str:
        return f"# {title}\n\n## {heading}\n\n{body}\n"

    diff = diff_documents(page(old), page(new))
    return classify(diff.sections, layout=diff.layout, lang=lang)
