#!/usr/bin/env bash
# Install redline with the `python` on PATH (the workflows' Python, or the Makefile's .venv).
# The engine's own repository installs itself, editable. A policy repository installs
# REDLINE_PACKAGE: pin it here, in one place, e.g. "redline==0.1.0", a folder, or
# "git+https://example.com/redline.git@v0.1.0"; the environment variable overrides it.
set -euo pipefail
REDLINE_PACKAGE="${REDLINE_PACKAGE:-redline}"
cd "$(dirname "$0")/.."
python -m pip install --quiet --upgrade pip
if [ -f pyproject.toml ] && grep -q '^name = "redline"$' pyproject.toml; then
    python -m pip install --quiet -e .
else
    python -m pip install --quiet "$REDLINE_PACKAGE"
fi
redline --version
