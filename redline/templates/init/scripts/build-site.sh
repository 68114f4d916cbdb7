#!/usr/bin/env bash
# Build what the site publishes, in one place: the workflows run this script, and so do the tests.
#   scripts/build-site.sh [SITE_DIR]      (default: site)
# The pages of every policy in every locale, then the notices JSON and feeds under SITE_DIR/notices.
# Needs the whole history (a shallow clone fails with the fix: fetch-depth: 0).
set -euo pipefail
site="${1:-site}"
export NO_MKDOCS_2_WARNING=1
# The previous publication keeps every published notice date (docs/decisions/0012-notice-dates.md):
# REDLINE_PREVIOUS_URL is the deployed site (github-pages: this repository's Pages address);
# its notices/notices.json is fetched when it exists.
previous=()
if [ "${REDLINE_PREVIOUS_URL:-}" = github-pages ]; then
  REDLINE_PREVIOUS_URL="https://${GITHUB_REPOSITORY_OWNER}.github.io/${GITHUB_REPOSITORY#*/}"
fi
if [ -n "${REDLINE_PREVIOUS_URL:-}" ]; then
  mkdir -p build/previous/notices
  if curl -fsSL "${REDLINE_PREVIOUS_URL%/}/notices/notices.json" -o build/previous/notices/notices.json; then
    previous=(--previous build/previous)
  fi
fi
redline build --site-dir "$site" "${previous[@]}"
