#!/usr/bin/env bash
# Install redline with the `python` on PATH (the workflows' Python, or the Makefile's .venv).
# The engine's own repository installs itself, editable. A policy repository installs the
# requirement in redline-requirement.txt, which `redline init` pinned to the Redline that
# created it (a version on the index, a wheel file, a folder or a git commit): edit that file
# to upgrade, e.g. "policy-redline==0.2.0". REDLINE_PACKAGE, when set, overrides it.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --upgrade pip
if [ -n "${REDLINE_PACKAGE:-}" ]; then
    python -m pip install --quiet "$REDLINE_PACKAGE"
elif [ -f pyproject.toml ] && grep -q '^name = "policy-redline"$' pyproject.toml; then
    python -m pip install --quiet -e .
else
    python -m pip install --quiet -r redline-requirement.txt
fi
redline --version
