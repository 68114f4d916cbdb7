"""Synthetic policy repositories: P policies × L locales × C commits, written by git fast-import."""

from __future__ import annotations

from bench.synth.repo import cached_repo, generate
from bench.synth.timeline import Params

__all__ = ["Params", "cached_repo", "generate"]
