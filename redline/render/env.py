"""The Jinja environment policies render in: sandboxed, strict, bounded.

Policy text arrives through pull requests, so templates are untrusted: they run in
``SandboxedEnvironment`` (no attribute walks to Python internals), undefined names are
errors (``StrictUndefined``), includes are served only from the policies folder of the
snapshot being rendered, and operators that can blow up memory are bounded.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, NoReturn

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from redline.load.snapshot import Snapshot
from redline.render.filters import filters_for

#: the largest string or list a template may build with ``*`` or ``~``
MAX_BUILT = 100_000


class UndefinedName(UndefinedError):
    """A template used a name or attribute that does not exist."""

    def __init__(self, name: str | None, owner: Any, hint: str | None) -> None:
        self.name = name
        self.owner = owner
        super().__init__(hint or f"undefined variable '{name}'")


class Undefined(StrictUndefined):
    """StrictUndefined that keeps what was looked up and on what, for did-you-mean."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        if isinstance(self._undefined_exception, type) and issubclass(
            self._undefined_exception, SecurityError
        ):
            raise SecurityError(self._undefined_message)
        owner = self._undefined_obj
        raise UndefinedName(self._undefined_name, owner, None)

    __str__ = __iter__ = __len__ = __eq__ = __ne__ = __bool__ = __hash__ = (
        _fail_with_undefined_error
    )
    __getitem__ = __call__ = __add__ = __mul__ = __contains__ = (
        _fail_with_undefined_error
    )


class SnapshotLoader(BaseLoader):
    """Serve ``{% include %}`` / ``{% import %}`` from ``<policies>/_partials`` of a snapshot."""

    def __init__(self, snapshot: Snapshot, folder: str) -> None:
        self.snapshot = snapshot
        self.folder = folder.rstrip("/")

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        parts = template.replace("\\", "/").split("/")
        if template.startswith("/") or any(p in ("", ".", "..") for p in parts) or ":" in template:
            raise TemplateNotFound(template)
        path = f"{self.folder}/_partials/{'/'.join(parts)}"
        raw = self.snapshot.read(path)
        if raw is None:
            raise TemplateNotFound(template)
        return raw.decode("utf-8"), path, lambda: True


class PolicyEnvironment(SandboxedEnvironment):
    """Sandbox with bounded ``*`` so ``'x' * 10**9`` cannot exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "**":
            if isinstance(right, int) and abs(right) > 64:
                raise SecurityError("exponent too large (at most 64)")
            return operator.pow(left, right)
        if isinstance(left, str | list | tuple) and isinstance(right, int):
            _bound(len(left) * right)
        elif isinstance(right, str | list | tuple) and isinstance(left, int):
            _bound(len(right) * left)
        return operator.mul(left, right)


def _bound(size: int) -> None:
    if size > MAX_BUILT:
        raise SecurityError(f"template builds a value of {size} items (at most {MAX_BUILT})")


def make_environment(snapshot: Snapshot, policies_dir: str, locale: str) -> PolicyEnvironment:
    """Return the environment for rendering ``locale`` from ``snapshot``."""
    env = PolicyEnvironment(
        loader=SnapshotLoader(snapshot, policies_dir),
        undefined=Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(filters_for(locale))
    return env
