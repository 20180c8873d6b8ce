#!/usr/bin/env bash
# Screenshots of JPEG Restore in a real Fiji's GUI under Xvfb: Plugins > JPEG Restore, the "JPEG Restore
# Luma" dialog opened from that menu, and the result after OK. Usage:
#   scripts/fiji-gui-shots.sh FIJI_DIR IMAGE OUT_DIR
# FIJI_DIR has JPEG Restore installed (scripts/fiji-install-test.sh makes one); needs Xvfb, xdotool and
# ImageMagick's import. The clicks are positions in Fiji 2.16's main window, moved to the screen's corner.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="${FIJI_KIT:-$here/../shared/fiji}"
fiji="$1"; image="$2"; out="$3"
export DISPLAY=:93
Xvfb :93 -screen 0 1280x800x24 > /dev/null 2>&1 & xvfb=$!
trap 'pkill -f "scijava.app.directory=$fiji" || true; kill $xvfb 2>/dev/null || true' EXIT
sleep 2
echo "open(\"$image\");" > "$out/gui.ijm"
FIJI="$fiji" "$kit/start.sh" -macro "$out/gui.ijm" > "$out/gui-fiji.log" 2>&1 &
for i in $(seq 1 90); do xdotool search --name "ImageJ$" > /dev/null 2>&1 && break; sleep 1; done
sleep 10
xdotool windowmove "$(xdotool search --name "ImageJ$" | head -1)" 0 0; sleep 1
xdotool mousemove 321 12 click 1; sleep 1.5                # Plugins
xdotool mousemove 333 175; sleep 0.3; xdotool mousemove 340 176 click 1; sleep 1.5   # > JPEG Restore
import -window root "$out/shot-menu.png"
xdotool mousemove 580 177 click 1; sleep 5                 # > JPEG Restore Luma: its dialog
import -window root "$out/shot-dialog.png"
xdotool key Return; sleep 15                               # OK: restored image and its table
import -window root "$out/shot-result.png"
xdotool search --onlyvisible --name "." 2>/dev/null | while read -r w; do xdotool getwindowname "$w"; done | grep -v "^sun-awt\|Content window\|FocusProxy" > "$out/gui-windows.txt" || true
echo "screenshots: $out/shot-menu.png $out/shot-dialog.png $out/shot-result.png"
