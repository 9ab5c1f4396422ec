#!/usr/bin/env bash
# Builds the docs (npm run docs) and takes screenshots of each HTML reference with headless Chromium, so that a
# person can look at what a reader sees: the quirks, the signing recipe, the samples. Not part of CI.
#
#   bash docs/check-docs.sh            # or: npm run docs:check
#
# Needs Debian's chromium and ImageMagick (apt-get install -y chromium imagemagick). Writes
# docs/out/screenshots/<page>-<what>-<n>.png, one 1400x2400 screen each: the overview, then every operation from its
# top down (parameters, responses with every field, the samples). The reference renders a section when it is
# navigated to, so each operation is its own page load of its route (#/<tag>/<operation>), taken as one tall window
# and cut into screens. Chromium gets no network (every host name resolves nowhere): the pages must work offline.
set -euo pipefail
cd "$(dirname "$0")/.."

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
npm run --silent docs

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]] || ! convert -version 2>/dev/null | grep -q ImageMagick; then
  echo "needs chromium and ImageMagick: apt-get update && apt-get install -y chromium imagemagick" >&2
  exit 1
fi

shots="docs/out/screenshots"
rm -rf "$shots"
mkdir -p "$shots"
profiles="$(mktemp -d)"
trap 'rm -rf "$profiles"' EXIT

# chrome URL HEIGHT [--screenshot=FILE | --dump-dom]: one page load in a fresh profile.
chrome() {
  local url="$1" height="$2"
  shift 2
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$(mktemp -d -p "$profiles")" \
    --host-resolver-rules="MAP * ~NOTFOUND" --hide-scrollbars --virtual-time-budget=15000 \
    --window-size="1400,$height" "$@" "$url" 2>/dev/null
}

# The in-page links once the page has run, as routes (#/...), in page order and without repeats. A page that
# hydrates its prerendered HTML keeps links of the form href="/route"; one rendered afresh has href="#/route".
links() {
  chrome "$1" 2400 --dump-dom | grep -oE 'href="#?/[^"]*"' | sed -e 's/^href="#\{0,1\}/#/' -e 's/"$//' -e 's/&amp;/\&/g' \
    | awk '!seen[$0]++'
}

# shot NAME URL SCREENS: one window SCREENS screens tall, cut into NAME-0.png, NAME-1.png, ...; blank screens dropped.
shot() {
  local name="$1" url="$2" screens="$3"
  local tall="$shots/$name.png"
  chrome "$url" $((2400 * screens)) --screenshot="$tall" >/dev/null
  convert "$tall" -crop 1400x2400 +repage "$shots/$name-%d.png"
  rm "$tall"
  for screen in "$shots/$name"-*.png; do
    # A screen whose content area (right of the menu) is one colour is blank: the page ended above it.
    read -r darkest lightest < <(convert "$screen" -crop 1100x2400+300+0 +repage -colorspace Gray -format '%[min] %[max]\n' info:)
    if [[ "$darkest" == "$lightest" ]]; then rm "$screen"; else echo "$screen  <-  ${url#file://$(pwd)/}"; fi
  done
}

for html in docs/out/*.html; do
  page="file://$(pwd)/$html"
  name="$(basename "$html" .html)"
  shot "$name-overview" "$page" 2
  # Tags are #/<tag>; each tag's page lists its operations, #/<tag>/<operation>.
  for tag in $(links "$page" | grep -E '^#/[^/#]+$' | grep -v '^#/section$' || true); do
    for route in $(links "$page$tag" | grep -E "^$tag/[^/#]+$" || true); do
      shot "$name-${route##*/}" "$page$route" 4
    done
  done
done

echo "Look at each PNG above with any PNG viewer: one 1400x2400 screen each, top first."
