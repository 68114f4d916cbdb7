"""The ``redline`` command: one click group, commands in ``redline.commands``.

Commands import their heavy dependencies inside the command body so ``--help`` is instant.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
from collections.abc import Iterator
from typing import Any

import click

from redline.errors import Failure, RedlineError

#: errors of a full disk (or a file size limit): the user's environment, not a bug
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)

CONTEXT = {"help_option_names": ["-h", "--help"]}

#: command name -> module under redline.commands exposing ``command``
COMMANDS: dict[str, str] = {
    "render": "render",
    "check": "check",
    "build": "build",
    "i18n": "i18n",
    "compare": "compare",
    "diff": "diff",
    "changelog": "changelog",
    "init": "init",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _find(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return _find(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        with as_click_errors():
            return super().invoke(ctx)


class _Shown(click.ClickException):
    """A :class:`~redline.errors.Failure` as click shows it: ``Error: message``, its exit status."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.exit_code = failure.exit_code  # type: ignore[misc]  # click declares a class default


@contextlib.contextmanager
def as_click_errors() -> Iterator[None]:
    """Turn Redline's failures into click's message and exit status (the command line and MkDocs)."""
    try:
        yield
    except Failure as failure:
        raise _Shown(failure) from None
    except OSError as error:
        if error.errno not in DISK_FULL:
            raise
        raise _Shown(RedlineError(f"cannot write: {os.strerror(error.errno)} (nothing was published)",
                                  where=str(error.filename) if error.filename else None,
                                  fix="free some disk space (or raise the file size limit) and run the "
                                      "command again")) from None


def _find(name: str) -> click.Command | None:
    module_name = COMMANDS.get(name)
    if module_name is None:
        return None
    try:
        module = importlib.import_module(f"redline.commands.{module_name}")
    except ModuleNotFoundError as error:
        if error.name == f"redline.commands.{module_name}":
            return None
        raise
    command: click.Command = module.command
    return command


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(package_name="policy-redline")
def main() -> None:
    """Publish legal policies from git: render per locale, diff, classify, build the site."""
