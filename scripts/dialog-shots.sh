#!/usr/bin/env bash
# Screenshots of the suite's dialogs as a person opens them (no macro options, so the dialog shows),
# in a real Fiji or in plain ImageJ 1, under Xvfb. Usage:
#   scripts/dialog-shots.sh fiji FIJI_DIR IMAGE OUT_DIR "JPEG Restore Luma" "JPEG Restore Benchmark" ...
#   scripts/dialog-shots.sh ij1  IJ_DIR   IMAGE OUT_DIR "JPEG Restore Luma" ...
# FIJI_DIR: a Fiji with the suite installed (scripts/fiji-install-test.sh makes one); IJ_DIR: ij.jar,
# plugins/JPEG_Restore.jar, jars/ (as BatchModeStopIT lays it out). Each dialog is one start; its window
# is saved as OUT_DIR/<kind>-<command>.png. Needs Xvfb, xdotool and ImageMagick's import.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="${FIJI_KIT:-$here/../shared/fiji}"
kind="$1"; root="$(cd "$2" && pwd)"; image="$3"; out="$4"; shift 4
mkdir -p "$out"
export DISPLAY=:94
Xvfb :94 -screen 0 1280x900x24 > /dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 2
for cmd in "$@"; do
  name="$(echo "$cmd" | tr 'A-Z ' 'a-z-')"
  printf 'open("%s");\ndoCommand("%s");\n' "$image" "$cmd" > "$out/shot.ijm"
  if [ "$kind" = fiji ]; then
    FIJI="$root" "$kit/start.sh" -macro "$out/shot.ijm" > "$out/$kind-$name.log" 2>&1 & app=$!
  else
    java -cp "$root/ij.jar:$root/jars/*:$root/jars/linux64/*" ij.ImageJ -ijpath "$root" -macro "$out/shot.ijm" > "$out/$kind-$name.log" 2>&1 & app=$!
  fi
  win=""
  for i in $(seq 1 120); do win="$(xdotool search --name "^$cmd\$" 2>/dev/null | tail -1 || true)"; [ -n "$win" ] && break; sleep 1; done
  sleep 3
  if [ -n "$win" ]; then import -window "$win" "$out/$kind-$name.png"; echo "$out/$kind-$name.png"
  else import -window root "$out/$kind-$name-screen.png"; echo "no window '$cmd': $out/$kind-$name-screen.png" >&2; fi
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true
  pkill -f "scijava.app.directory=$root" 2>/dev/null || true
  sleep 1
done
