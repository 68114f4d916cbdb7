"""Where things are, for a test in any folder: the repository's top folder and the tests' data."""

from __future__ import annotations

from pathlib import Path

#: the repository's top folder (mkdocs.yml, policies/, docs/, scripts/ ...)
ROOT = Path(__file__).resolve().parent.parent
#: the tests' own folder: shared data (bad/, golden/, data/, compare/) lives under it
TESTS = ROOT / "tests"
