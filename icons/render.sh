#!/usr/bin/env bash
# Re-renders every raster icon from the two SVG sources in this directory.
# Needs rsvg-convert (librsvg2-bin), convert (imagemagick) and png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "render.sh: $tool is missing (apt-get install librsvg2-bin imagemagick icnsutils)" >&2; exit 1; }
done

# Below 48 px the full drawing turns to mush; the small variant is drawn for those sizes.
for size in 16 24 32; do
  rsvg-convert --width "$size" --height "$size" kdi-small.svg --output "kdi-$size.png"
done
for size in 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" kdi.svg --output "kdi-$size.png"
done

# Windows: one .ico holding every size a shell asks for, 256 px being the largest it uses.
convert kdi-16.png kdi-24.png kdi-32.png kdi-48.png kdi-64.png kdi-128.png kdi-256.png kdi.ico
# macOS: the sizes an .icns can carry.
png2icns kdi.icns kdi-16.png kdi-32.png kdi-48.png kdi-128.png kdi-256.png kdi-512.png kdi-1024.png >/dev/null
