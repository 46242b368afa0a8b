#!/usr/bin/env bash
# Renders media/icon.svg to media/icon.png (256x256, transparent corners) with headless Chromium:
# the Marketplace and Open VSX take a PNG icon only. Run it after editing the SVG; commit both.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM="${AKS_NETLINT_CHROMIUM:-/usr/bin/chromium}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
printf '<!doctype html><style>html,body{margin:0;background:transparent}</style><img src="file://%s" width="256" height="256">' "$PWD/media/icon.svg" > "$TMP/icon.html"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$TMP/profile" \
  --default-background-color=00000000 --window-size=256,256 --screenshot="$TMP/icon.png" "file://$TMP/icon.html" >/dev/null 2>&1
cp "$TMP/icon.png" media/icon.png
