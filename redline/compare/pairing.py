"""Pair the policies of two sides: same id, or renamed (front matter ``formerly: [old-id]``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from redline.load.policy import PolicySource

Status = Literal["added", "removed", "modified"]


@dataclass(frozen=True)
class PolicyPair:
    """One policy at both sides; ``old`` is None when added, ``new`` when removed."""

    old: PolicySource | None
    new: PolicySource | None

    @property
    def id(self) -> str:
        """The policy's id: the new one, or the old one when it was removed."""
        source = self.new or self.old
        assert source is not None
        return source.id

    @property
    def old_id(self) -> str | None:
        """The id at the old side when it differs (a rename), else None."""
        if self.old is not None and self.new is not None and self.old.id != self.new.id:
            return self.old.id
        return None

    @property
    def status(self) -> Status:
        """added, removed, or modified (which may turn out to be no change at all)."""
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "modified"


def formerly(policy: PolicySource) -> tuple[str, ...]:
    """The ids a policy had before (front matter ``formerly``)."""
    return tuple(str(ident) for ident in policy.meta.get("formerly", ()))


def pair_policies(old: Mapping[str, PolicySource], new: Mapping[str, PolicySource]) -> list[PolicyPair]:
    """Pair policies by id, then by ``formerly``; new order first, removed ones last.

    Loading already refuses a ``formerly`` that names a policy still present, or one claimed twice.
    """
    pairs: list[PolicyPair] = []
    for policy in new.values():
        previous = policy.id if policy.id in old else next((i for i in formerly(policy) if i in old), None)
        pairs.append(PolicyPair(old.get(previous) if previous else None, policy))
    paired = {pair.old.id for pair in pairs if pair.old is not None}
    return pairs + [PolicyPair(policy, None) for policy in old.values() if policy.id not in paired]
