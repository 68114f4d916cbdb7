"""The secret that signs render cache entries, kept outside the repository and outside the cache.

A cache folder can be restored from anywhere (a CI cache shared with pull requests, a
copied checkout): whoever wrote it could otherwise change what is published. Every entry
carries a MAC (keyed BLAKE2b) under this key; an entry whose MAC fails is ignored and rendered
again. The key is, in order: ``$REDLINE_CACHE_KEY`` (a CI secret, for trusted workflows
that share a cache), else a random key in ``$REDLINE_STATE_DIR/cache-key``, else in
``$XDG_STATE_HOME/redline/`` or ``~/.local/state/redline/``, created mode 0600.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_ENV = "REDLINE_CACHE_KEY"
STATE_ENV = "REDLINE_STATE_DIR"
KEY_FILE = "cache-key"


def state_dir() -> Path:
    """Where Redline keeps per-user state (the cache key)."""
    explicit = os.environ.get(STATE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "redline"


def cache_key(*inside: Path) -> bytes | None:
    """The signing key, or None when there is none to trust (then the cache stays in memory).

    A key file inside any of ``inside`` (the repository, the cache folder) is no secret:
    whoever can write those folders could write it too.
    """
    given = os.environ.get(KEY_ENV)
    if given:
        return hashlib.sha256(given.encode("utf-8")).digest()
    path = state_dir() / KEY_FILE
    resolved = path.resolve()
    if any(resolved.is_relative_to(folder.resolve()) for folder in inside):
        return None
    try:
        return _read_or_create(path)
    except OSError:
        return None


def _read_or_create(path: Path) -> bytes | None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        return key if len(key) >= 32 else None
    with os.fdopen(handle, "wb") as out:
        key = secrets.token_bytes(32)
        out.write(key)
    return key


def sign(key: bytes, name: str, value: bytes) -> bytes:
    """The MAC of ``value`` stored under ``name`` (the name is signed too: no entry can be moved).

    >>> len(sign(b"k" * 32, "a", b"v")), sign(b"k" * 32, "a", b"v") == sign(b"k" * 32, "b", b"v")
    (32, False)
    """
    mac = _keyed(key).copy()  # the keyed state once per key, not once per entry
    mac.update(name.encode("utf-8") + b"\0" + value)
    return mac.digest()


@functools.lru_cache(maxsize=8)
def _keyed(key: bytes) -> hashlib.blake2b:
    """Keyed BLAKE2b (RFC 7693): a MAC by design, and three times cheaper than HMAC-SHA256 for
    the entries a warm run checks. A key longer than BLAKE2b's 64 bytes is hashed to 64."""
    return hashlib.blake2b(key=key if len(key) <= 64 else hashlib.blake2b(key).digest(), digest_size=32)


def verified(key: bytes, name: str, value: bytes, mac: bytes) -> bool:
    """Whether ``mac`` is the MAC of ``value`` under ``name`` (in constant time)."""
    return hmac.compare_digest(sign(key, name, value), mac)
