#!/usr/bin/env bash
# Installs the suite from an update site folder the way the ImageJ updater does, into a fresh ImageJ
# folder, and starts it the way Fiji's launcher does (ij.jar, jars/ and jars/linux64/ on the class
# path), under Xvfb: "JPEG Restore Luma" runs once from a macro and once through its dialog, with
# screenshots. Usage: scripts/try-update-site.sh SITE_DIR [OUT_DIR]  (needs Xvfb, xdotool,
# ImageMagick's import, python3; the build's target/lib for the jars Fiji itself provides).
# MACRO_EXTRA adds options to the macro run, e.g. MACRO_EXTRA=" ensemble".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$(cd "$1" && pwd)"
out="$(mkdir -p "${2:-$here/runs/site-try}" && cd "${2:-$here/runs/site-try}" && pwd)"
root="$out/ImageJ"
rm -rf "$root"; mkdir -p "$root/jars"
# 1. what the updater installs: every current file of db.xml.gz for this platform, PATH-TIMESTAMP -> PATH
python3 - "$site" "$root" <<'PY'
import gzip, os, shutil, sys, xml.etree.ElementTree as ET
site, root = sys.argv[1:3]
for p in ET.parse(gzip.open(os.path.join(site, "db.xml.gz"))).getroot().iter("plugin"):
    v = p.find("version")
    platforms = [e.text for e in p.findall("platform")]
    if v is None or (platforms and "linux64" not in platforms):
        continue
    name = p.get("filename")
    dst = os.path.join(root, name)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(os.path.join(site, name + "-" + v.get("timestamp")), dst)
    print("installed", name)
PY
# 2. what Fiji already has: ImageJ 1 and the libraries the site leaves off (SiteLayout.PROVIDED)
for j in "$here"/target/lib/*.jar; do
  case "$(basename "$j")" in
    ij-*) cp "$j" "$root/ij.jar" ;;
    scijava-common-*|parsington-*|gson-*|slf4j-api-*|jna-*|commons-io-*|commons-codec-*|commons-compress-*|picocli-*) cp "$j" "$root/jars/" ;;
  esac
done
cp "$here/src/main/resources/samples/sample.png" "$out/sample.png"
# 3. a macro run and a dialog run under Xvfb, as Fiji's launcher starts ImageJ
export DISPLAY=:97
pgrep -f "Xvfb :97" >/dev/null || (Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &)
sleep 2
start() {
  (cd "$root" && java -Xmx2g -Dai.djl.offline=true -cp "ij.jar:jars/*:jars/linux64/*" ij.ImageJ -ijpath "$root" -macro "$1" > "$out/$2.log" 2>&1 &)
}
cat > "$out/macro.ijm" <<IJM
open("$out/sample.png");

run("JPEG Simulate Compression", "qf=15 subsampling=420 then_qf=0 shift=0,0");
run("JPEG Restore Luma", "qf=auto device=cpu tile=0 model=luma${MACRO_EXTRA:-}");
saveAs("PNG", "$out/restored-by-macro.png");
print("macro done: " + getTitle());
IJM
start "$out/macro.ijm" macro
for i in $(seq 1 90); do [ -f "$out/restored-by-macro.png" ] && break; sleep 1; done
sleep 2; import -window root "$out/shot-macro.png"
pkill -f "ij.ImageJ -ijpath $root" || true; sleep 1
cat > "$out/dialog.ijm" <<IJM
open("$out/sample.png");

run("JPEG Simulate Compression", "qf=15 subsampling=420 then_qf=0 shift=0,0");
run("JPEG Restore Luma");
IJM
start "$out/dialog.ijm" dialog
sleep 12; import -window root "$out/shot-dialog.png"
xdotool key Return || true
sleep 15; import -window root "$out/shot-dialog-result.png"
pkill -f "ij.ImageJ -ijpath $root" || true
test -f "$out/restored-by-macro.png" && echo "macro run: $out/restored-by-macro.png" || { echo "macro run produced no image; see $out/macro.log" >&2; exit 1; }
echo "screenshots: $out/shot-*.png"
