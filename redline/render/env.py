"""The Jinja environment policies render in: sandboxed, strict, bounded.

Policy text arrives through pull requests, so templates are untrusted: they run in
``ImmutableSandboxedEnvironment`` (no attribute walks to Python internals, no method that
changes the data a page shares with every other: ``{{ vendors.append(x) }}``), undefined names are
errors (``StrictUndefined``), includes are served only from the policies folder of the
snapshot being rendered, and operators that can blow up memory are bounded.
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NoReturn

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from redline.load.snapshot import Snapshot
from redline.render import limits
from redline.render.filters import filters_for

MAX_BUILT = limits.MAX_BUILT


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


class PolicyEnvironment(ImmutableSandboxedEnvironment):
    """Sandbox whose operators, filters, methods and loops are bounded (see :mod:`redline.render.limits`)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: limits.bounded_filter(f, name) for name, f in self.filters.items()}
        self.globals.update({limits.SIZED: limits.sized, limits.LOOP: limits.looped, "lipsum": limits.lipsum})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        limits.Limits().visit(tree)  # rewrites the nodes in place; the root stays the Template
        return tree

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # str.format reaches here wrapped by the sandbox (functools.update_wrapper keeps __wrapped__)
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        limits.measured([*args, *kwargs.values()])
        if isinstance(owner, str):
            limits.check_numbers([*args, *kwargs.values()])
            limits.check_format(owner)
        return limits.sized(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "+":
            return limits.sized(operator.add(left, right))
        if operator_ == "%":
            limits.check_format(left)
            limits.sized(right)
            return limits.sized(operator.mod(left, right))
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


#: environments kept (one per locale and partials content) and compiled templates per environment:
#: at most this many, of at most this many characters of source together (a compiled template
#: holds about four times its source: a page compiled whole, one with ``{% set %}``, is 50 KB)
ENVIRONMENTS = 32
TEMPLATES = 2048
TEMPLATE_CHARS = 2_000_000


class _Compiled(OrderedDict[tuple[str, str], Any]):
    """One environment's compiled templates by (path, text), oldest first, and their source's size."""

    chars = 0

    def keep(self, key: tuple[str, str], template: Any) -> None:
        self[key] = template
        self.chars += len(key[1])
        while len(self) > 1 and (len(self) > TEMPLATES or self.chars > TEMPLATE_CHARS):
            (_, text), _ = self.popitem(last=False)
            self.chars -= len(text)


class TemplateCache:
    """Compile each distinct template text once, in an environment shared by equal partials.

    Compiling is most of a render's cost, and a history renders the same template text in
    many states. An environment serves every snapshot whose partials are the same files
    (same paths and blob ids): its loader is pointed at the snapshot of each render.
    """

    def __init__(self) -> None:
        self.environments: OrderedDict[tuple[str, ...], tuple[PolicyEnvironment, _Compiled]] = OrderedDict()

    def template(self, snapshot: Snapshot, policies_dir: str, locale: str, text: str, path: str) -> Any:
        """The compiled ``text`` (named ``path`` for error lines), its includes read from ``snapshot``."""
        env, compiled = self._environment(snapshot, policies_dir, locale)
        assert isinstance(env.loader, SnapshotLoader)
        env.loader.snapshot = snapshot
        key = (path, text)
        if key in compiled:
            compiled.move_to_end(key)
            return compiled[key]
        template = env.from_string(text)
        template.name = template.filename = path
        compiled.keep(key, template)
        return template

    def _environment(self, snapshot: Snapshot, policies_dir: str, locale: str
                     ) -> tuple[PolicyEnvironment, _Compiled]:
        key = (locale, policies_dir, *partials_ids(snapshot, policies_dir))
        if key in self.environments:
            self.environments.move_to_end(key)
        else:
            self.environments[key] = (make_environment(snapshot, policies_dir, locale), _Compiled())
            if len(self.environments) > ENVIRONMENTS:
                self.environments.popitem(last=False)
        return self.environments[key]


def partials_ids(snapshot: Snapshot, policies_dir: str) -> list[str]:
    """``path=blob id`` of every partial: what a render can include, by content."""
    from redline.load.memo import file_id

    return [f"{path}={file_id(snapshot, path)[0]}" for path in snapshot.list(f"{policies_dir}/_partials")]


#: the process's template cache
TEMPLATE_CACHE = TemplateCache()
