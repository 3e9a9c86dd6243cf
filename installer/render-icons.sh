#!/usr/bin/env bash
# Renders the app icon's PNGs (16…512 px) from assets/icons/queryset-studio.svg into assets/icons/.
# The PNGs are committed; run this after changing the SVG. Needs rsvg-convert (Debian: librsvg2-bin),
# installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/lib.sh

need_command rsvg-convert librsvg2-bin

SVG=assets/icons/queryset-studio.svg
for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" "$SVG" --output "assets/icons/queryset-studio-$size.png"
  echo "render-icons: assets/icons/queryset-studio-$size.png"
done
