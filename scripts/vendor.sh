#!/usr/bin/env bash
# Refresh the vendored front-end assets in static/vendor/ (run via `make vendor`).
#
#   govuk-frontend  -> static/vendor/govuk-frontend/  (CSS rebuilt WITHOUT the GOV.UK
#                      brand: system font stack, no GDS Transport, no fonts, no crown/crest
#                      images, favicons or app icons)
#   htmx.org        -> static/vendor/htmx/
#
# Needs node + npm and access to the npm registry. Everything is installed into a
# throwaway temp dir; nothing is added to the repository besides static/vendor/.
set -euo pipefail

GOVUK_FRONTEND_VERSION="5.14.0" # latest 5.x
HTMX_VERSION="2.0.11"           # latest 2.x
SASS_VERSION="1.108.2"          # build time only

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"
ASSETS_URL="/static/vendor/govuk-frontend/assets/"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "vendor: installing govuk-frontend@$GOVUK_FRONTEND_VERSION htmx.org@$HTMX_VERSION sass@$SASS_VERSION"
(
  cd "$WORK"
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    "govuk-frontend@$GOVUK_FRONTEND_VERSION" \
    "htmx.org@$HTMX_VERSION" \
    "sass@$SASS_VERSION" >/dev/null
)

NM="$WORK/node_modules"
GOVUK="$NM/govuk-frontend"
HTMX="$NM/htmx.org"

pkg_field() { # pkg_field <package dir> <field>
  node -p "require(process.argv[1] + '/package.json')[process.argv[2]]" "$1" "$2"
}

for pair in "$GOVUK:$GOVUK_FRONTEND_VERSION" "$HTMX:$HTMX_VERSION" "$NM/sass:$SASS_VERSION"; do
  got="$(pkg_field "${pair%%:*}" version)"
  if [[ "$got" != "${pair##*:}" ]]; then
    echo "vendor: expected ${pair##*/} ${pair##*:}, npm installed $got" >&2
    exit 1
  fi
done

# Build into a staging dir so a failure never leaves static/vendor half-written.
OUT="$WORK/out"
mkdir -p "$OUT/govuk-frontend" "$OUT/htmx"

# --- govuk-frontend CSS (unbranded) -------------------------------------------
# v5 is configured through global Sass variables + @import (it has no `@use ... with`
# module API), so the settings must come before the import.
# The footer's .govuk-footer__copyright-logo draws the royal crest from
# images/govuk-crest.svg. That file is not vendored, and a url() to a missing file
# makes collectstatic (ManifestStaticFilesStorage) fail, so brand images resolve to
# `none` and the crest pseudo-element is switched off.
cat >"$WORK/govuk-frontend.scss" <<SCSS
@use "sass:string";

\$govuk-font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
\$govuk-include-default-font-face: false;
\$govuk-assets-path: "$ASSETS_URL";

@function unbranded-image-url(\$filename) {
  @if string.index(\$filename, "crest") or string.index(\$filename, "crown") {
    @return none;
  }
  @return url(\$govuk-images-path + \$filename);
}
\$govuk-image-url-function: "unbranded-image-url";

@import "govuk-frontend/dist/govuk/index";

.govuk-footer__copyright-logo::before {
  content: none;
}
SCSS

"$NM/.bin/sass" \
  --load-path="$NM" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --silence-deprecation=import \
  "$WORK/govuk-frontend.scss" "$OUT/govuk-frontend/govuk-frontend.min.css"

if grep -Eiq 'GDS Transport|fonts/|@font-face|url\([^)]*(crest|crown)' "$OUT/govuk-frontend/govuk-frontend.min.css"; then
  echo "vendor: compiled CSS still references GOV.UK brand fonts or artwork" >&2
  exit 1
fi

# --- govuk-frontend JS ----------------------------------------------------------
cp "$GOVUK/dist/govuk/govuk-frontend.min.js" "$OUT/govuk-frontend/"
# The .min.js ends with a sourceMappingURL comment; ship the map so devtools don't 404.
cp "$GOVUK/dist/govuk/govuk-frontend.min.js.map" "$OUT/govuk-frontend/"

# --- govuk-frontend images (brand-free only; never assets/fonts) ---------------
# Crown/crest artwork, favicons, app/touch icons, the OpenGraph image and the web
# manifest all carry the GOV.UK brand, so they are skipped.
shopt -s nullglob
for img in "$GOVUK/dist/govuk/assets/images/"*; do
  name="$(basename "$img")"
  case "${name,,}" in
    *crown* | *crest* | *favicon* | *apple-touch* | *govuk-icon* | *opengraph* | *logo* | *brand*) continue ;;
  esac
  mkdir -p "$OUT/govuk-frontend/assets/images"
  cp "$img" "$OUT/govuk-frontend/assets/images/"
done
shopt -u nullglob

# --- htmx ------------------------------------------------------------------------
cp "$HTMX/dist/htmx.min.js" "$OUT/htmx/"

# --- licences ----------------------------------------------------------------------
if [[ -f "$GOVUK/LICENSE.txt" ]]; then
  cp "$GOVUK/LICENSE.txt" "$OUT/govuk-frontend/LICENSE"
elif [[ -f "$GOVUK/LICENSE" ]]; then
  cp "$GOVUK/LICENSE" "$OUT/govuk-frontend/LICENSE"
else
  # The npm tarball ships no licence file; this is upstream's LICENSE.txt verbatim.
  cat >"$OUT/govuk-frontend/LICENSE" <<'EOF'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF
fi
cp "$HTMX/LICENSE" "$OUT/htmx/LICENSE"

cat >"$OUT/VERSIONS.txt" <<EOF
# Vendored front-end packages. Do not edit by hand: regenerate with \`make vendor\`
# (bash scripts/vendor.sh); versions are pinned at the top of that script.
#
# package         version   licence  files
govuk-frontend    $(pkg_field "$GOVUK" version)    $(pkg_field "$GOVUK" license)      govuk-frontend/ (CSS rebuilt without GOV.UK brand: system fonts, no GDS Transport, no crown/crest/favicon images)
htmx.org          $(pkg_field "$HTMX" version)    $(pkg_field "$HTMX" license)     htmx/
#
# Build-time only (not vendored): sass $(pkg_field "$NM/sass" version)
EOF

# --- install ------------------------------------------------------------------------
mkdir -p "$VENDOR"
rm -rf "$VENDOR/govuk-frontend" "$VENDOR/htmx"
cp -R "$OUT/govuk-frontend" "$OUT/htmx" "$OUT/VERSIONS.txt" "$VENDOR/"

echo "vendor: wrote"
(cd "$ROOT" && find static/vendor -type f | sort | xargs ls -l | awk '{printf "  %8s  %s\n", $5, $9}')
