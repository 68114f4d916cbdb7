#!/usr/bin/env bash
# Build what the site publishes, in one place: the workflows run this script, and so do the tests.
#   scripts/build-site.sh [SITE_DIR]      (default: site)
# The pages of every policy in every locale, then the notices JSON and feeds under SITE_DIR/notices.
# Needs the whole history (a shallow clone fails with the fix: fetch-depth: 0).
set -euo pipefail
site="${1:-site}"
export NO_MKDOCS_2_WARNING=1
redline build --site-dir "$site"
redline changelog --out "$site/notices"
