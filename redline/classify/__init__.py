"""Classify changes as material (readers must be notified) or editorial, with reasons."""

from __future__ import annotations

from redline.classify.findings import Finding, Verdict
from redline.classify.rules import FACT_RULES, TEXT_RULES, RuleSet, default_rules
from redline.classify.verdict import classify

__all__ = ["FACT_RULES", "TEXT_RULES", "Finding", "RuleSet", "Verdict", "classify", "default_rules"]
