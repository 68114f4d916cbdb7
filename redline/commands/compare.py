"""``redline compare OLD.md NEW.md``: is the change between two plain Markdown files material?"""

from __future__ import annotations

from pathlib import Path

import click

from redline.compare.formats import FORMATS, Format
from redline.errors import RedlineError

#: How a file can fail to open: (what to say, how to fix it).
READ_ERRORS: dict[type[OSError], tuple[str, str]] = {
    FileNotFoundError: ("no such file", "check the path: compare takes OLD.md NEW.md"),
    IsADirectoryError: ("is a directory", "pass a Markdown file, not a folder"),
    PermissionError: ("permission denied", "make the file readable, or copy it somewhere readable"),
}


@click.command("compare")
@click.argument("old", metavar="OLD.md", type=click.Path(path_type=Path))
@click.argument("new", metavar="NEW.md", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="A report for a terminal, a pull-request comment, or a program.",
)
@click.option(
    "--lang",
    metavar="CODE",
    default=None,
    help="Language of both files (en, de, fr, es, ru...); default: front matter 'lang', else guessed.",
)
def command(old: Path, new: Path, fmt: Format, lang: str | None) -> None:
    """Compare two plain Markdown files (no templating): is the change material?

    Exits 0 either way: the verdict is in the report.
    """
    from redline.classify import classify
    from redline.classify.languages import document_language
    from redline.compare.formats import Report, render
    from redline.diff import diff_documents
    from redline.load.budget import check_source_nesting

    old_text, new_text = read_markdown(old), read_markdown(new)
    check_source_nesting(old_text, str(old))
    check_source_nesting(new_text, str(new))
    diff = diff_documents(old_text, new_text)
    verdict = classify(diff.sections, layout=diff.layout, lang=lang or document_language(old_text, new_text))
    click.echo(render(Report(verdict, diff.sections), fmt), nl=False)


def read_markdown(path: Path) -> str:
    """Read a Markdown file as UTF-8, or fail saying where, what, and how to fix it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        what, fix = READ_ERRORS.get(type(error), (f"cannot read: {error.strerror}", "check the path"))
        raise RedlineError(what, where=str(path), fix=fix) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RedlineError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x})",
            where=f"{path}:{line}",
            fix="re-save the file as UTF-8, e.g. iconv -f latin1 -t utf-8 FILE",
        ) from None
