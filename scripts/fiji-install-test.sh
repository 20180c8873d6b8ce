#!/usr/bin/env bash
# Installs JPEG Restore into a fresh copy of a real Fiji with Fiji's own updater, as a user would, and
# runs every command there. Usage:
#   scripts/fiji-install-test.sh [OUT_DIR] [--gui]
# FIJI_KIT: the folder with Fiji.app, new-fiji.sh, start.sh and updater.sh (default ../shared/fiji beside
# the checkout). Steps, each checked:
#   1. writes the update site (bin/jpeg-restore update-site; natives of every platform);
#   2. copies that Fiji fresh, adds the site from a file: URL and runs the updater's plain `update`;
#   3. the updater reports no conflict, nothing Fiji had is replaced, removed or shadowed (jars/ and
#      plugins/ before and after differ only by additions), and only this platform's natives come;
#   4. Fiji headless runs the ten commands from one macro on real inputs (restored PSNR above the
#      JPEG's, tables holding values, the Benchmark plot in one colour per model: jpeg, luma, luma-hq,
#      whose curves differ; blind's equals luma's on JPEG files since the blind routing);
#      a failed command (bad QF, unknown model or key, device=gpu without one) stops the macro;
#   5. the ten SciJava twins run through Fiji's command service (BeanShell);
#   6. with --gui: Fiji's GUI under Xvfb, screenshots of Plugins > JPEG Restore and of one dialog.
# Prints one line per check and closes with "fiji-install: N passed, M failed"; exit 1 if any failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/runs/fiji-install}"
gui=false
[ "${2:-}" = --gui ] && gui=true
kit="${FIJI_KIT:-$here/../shared/fiji}"
[ -x "$kit/new-fiji.sh" ] || { echo "fiji-install: no Fiji kit at $kit (set FIJI_KIT)" >&2; exit 2; }
kit="$(cd "$kit" && pwd)"
rm -rf "$out"; mkdir -p "$out"; out="$(cd "$out" && pwd)"
fiji="$out/Fiji.app"; site="$out/site"; data="$out/data"; res="$out/results"
mkdir -p "$data" "$res"
pass=0; fail=0
check() { # check NAME CONDITION-COMMAND...
  local name="$1"; shift
  if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "fiji-install: ok   $name"
  else fail=$((fail + 1)); echo "fiji-install: FAIL $name"; fi
}
cli() { "$here/bin/jpeg-restore" "$@"; }
psnr() { cli metrics "$1" "$2" | sed -n 's/^psnr=\([0-9.]*\).*/\1/p'; }
above() { /usr/bin/python3 -c "import sys; sys.exit(0 if float('$1') > float('$2') else 1)"; }

# 1. the site
cli update-site "$site" > "$out/site.log" 2>&1 || { echo "fiji-install: FAIL writing the site (see $out/site.log)"; exit 1; }

# 2. a fresh Fiji, the site added and installed with the updater's plain update
"$kit/new-fiji.sh" "$fiji" > /dev/null || exit 1
list_files() { (cd "$fiji" && find jars plugins -type f -exec sha1sum {} + | LC_ALL=C sort); }
list_files > "$out/files-before.txt"
export FIJI="$fiji"
"$kit/updater.sh" add-update-site JPEG-Restore "file:$site/" > "$out/updater-add.log" 2>&1
add_rc=$?
"$kit/updater.sh" update > "$out/updater-update.log" 2>&1
update_rc=$?
"$kit/updater.sh" list-shadowed > "$out/updater-shadowed.log" 2>&1
list_files > "$out/files-after.txt"

# 3. what the updater did
check "updater add-update-site exits 0" test "$add_rc" -eq 0
check "updater update exits 0" test "$update_rc" -eq 0
check "updater reports no conflict" bash -c "! grep -Eiq 'conflict|locally modified|cannot determine' '$out/updater-update.log'"
check "no file of Fiji replaced or removed (jars/, plugins/)" bash -c "[ -z \"\$(LC_ALL=C comm -23 '$out/files-before.txt' '$out/files-after.txt')\" ]"
check "nothing shadowed by JPEG-Restore" bash -c "! grep -q 'JPEG-Restore overrides' '$out/updater-shadowed.log'"
awk '{print $2}' "$out/files-before.txt" | LC_ALL=C sort > "$out/jars-before.txt"
awk '{print $2}' "$out/files-after.txt" | LC_ALL=C sort > "$out/jars-after.txt"
LC_ALL=C comm -13 "$out/jars-before.txt" "$out/jars-after.txt" > "$out/jars-added.txt"
check "the plugin and DJL installed" bash -c "grep -qx plugins/JPEG_Restore.jar '$out/jars-added.txt' && grep -q '^jars/djl-api-' '$out/jars-added.txt'"
check "this platform's natives only (linux64)" bash -c "grep -q '^jars/linux64/pytorch-native' '$out/jars-added.txt' && ! grep -Eq '^jars/(win|macos)' '$out/jars-added.txt'"
check "models installed" test -f "$fiji/models/jpeg-restore/luma.json"

# 3b. install and uninstall in a Fiji copy that has no records of its own sites' files (as when
#     Fiji.app was copied from elsewhere): nothing of Fiji refused, replaced, removed or staged for deletion
bare="$out/Fiji-without-records.app"
cp -r "$kit/Fiji.app" "$bare"; chmod -R u+w "$bare"
(cd "$bare" && find jars plugins -type f -exec sha1sum {} + | LC_ALL=C sort) > "$out/bare-before.txt"
FIJI="$bare" "$kit/updater.sh" add-update-site JPEG-Restore "file:$site/" > "$out/bare-add.log" 2>&1
FIJI="$bare" "$kit/updater.sh" update > "$out/bare-update.log" 2>&1
check "without site records: update installs the plugin, no 'locally modified' refusal" \
  bash -c "test -f '$bare/plugins/JPEG_Restore.jar' && ! grep -Eiq 'locally modified|cannot determine' '$out/bare-update.log'"
FIJI="$bare" "$kit/updater.sh" deactivate-update-site JPEG-Restore > "$out/bare-uninstall.log" 2>&1
FIJI="$bare" "$kit/updater.sh" update >> "$out/bare-uninstall.log" 2>&1
(cd "$bare" && find jars plugins -type f -exec sha1sum {} + | LC_ALL=C sort) > "$out/bare-after.txt"
check "uninstall removes the suite and leaves every file of Fiji, nothing staged for deletion" \
  bash -c "[ -z \"\$(LC_ALL=C comm -3 '$out/bare-before.txt' '$out/bare-after.txt')\" ] && ! find '$bare/update' -type f 2>/dev/null | grep -q ."

# 4. the ten commands from one headless macro, on real inputs
cp "$here/src/main/resources/samples/sample.png" "$data/gray.png"
cp "$here/src/main/resources/samples/sample-color.png" "$data/color.png"
cli compress --qf 20 "$data/gray.png" "$data/gray-q20.jpg" > /dev/null
cli compress --qf 20 "$data/color.png" "$data/color-q20.jpg" > /dev/null
mkdir -p "$data/bench"; cp "$data/gray.png" "$data/bench/"
# five lossless 128x128 crops for the one-minute fine-tune (one is held out)
mkdir -p "$data/tune"
/usr/bin/python3 -c "
from PIL import Image; import sys
im = Image.open(sys.argv[1]).convert('L')
for i, (x, y) in enumerate([(0, 0), (128, 0), (0, 128), (128, 128), (64, 64)]):
    im.crop((x, y, x + 128, y + 128)).save(sys.argv[2] + '/crop%d.png' % i)
" "$data/gray.png" "$data/tune"
cat > "$out/commands.ijm" <<IJM
setBatchMode(true);
open("$data/gray.png"); rename("orig");
open("$data/gray-q20.jpg"); rename("jpeg");
run("JPEG Restore Luma", "qf=auto device=cpu");
saveAs("PNG", "$res/luma.png");
selectImage("jpeg");
run("JPEG Restore Blind", "qf=predicted device=cpu");
saveAs("PNG", "$res/blind.png");
open("$data/color-q20.jpg");
run("JPEG Restore Color", "qf=auto device=cpu");
saveAs("PNG", "$res/color.png");
run("JPEG Quality Metrics", "reference=orig test=jpeg y=full ssim=gaussian");
saveAs("Results", "$res/metrics.csv");
selectImage("jpeg");
run("JPEG DCT Viewer", "blocks qf=file");
saveAs("Tiff", "$res/dct-blocks.tif");
selectImage("jpeg");
run("JPEG Patch Analysis", "reference=orig color=detail");
saveAs("Results", "$res/patches.csv");
selectImage("jpeg");
run("JPEG Estimate Quality");
saveAs("Results", "$res/estimate.csv");
selectImage("orig");
run("JPEG Simulate Compression", "qf=20 subsampling=420 then_qf=0 shift=0,0");
saveAs("PNG", "$res/simulated.png");
run("JPEG Restore Benchmark", "folder=[$data/bench] qf=20,40 models=jpeg,luma,luma-hq device=cpu");
saveAs("Results", "$res/benchmark.csv");
saveAs("PNG", "$res/benchmark-plot.png");
print("macro finished");
IJM
# the fine-tune gets a macro of its own: when its card is not written it fails and stops the macro
cat > "$out/finetune.ijm" <<IJM
setBatchMode(true);
run("JPEG Restore Fine-tune", "data=[$data/tune] out=install-test minutes=1 qf=10-50 device=cpu");
print("fine-tune rows: " + nResults);
open("$data/gray-q20.jpg");
run("JPEG Restore Luma", "qf=auto device=cpu model=install-test");
saveAs("PNG", "$res/tuned-luma.png");
print("fine-tune macro finished");
IJM
"$kit/start.sh" --headless -macro "$out/commands.ijm" > "$out/commands.out" 2> "$out/commands.err"
# (a bare name: the card goes to the user models folder, here one of the test's own, and is found by it)
JPEG_RESTORE_USER_MODELS="$res/my-models" "$kit/start.sh" --headless -macro "$out/finetune.ijm" > "$out/finetune.out" 2> "$out/finetune.err"
jpeg_gray=$(psnr "$data/gray.png" "$data/gray-q20.jpg"); jpeg_color=$(psnr "$data/color.png" "$data/color-q20.jpg")
check "macro ran to its end" grep -q "macro finished" "$out/commands.out"
check "JPEG Restore Luma: PSNR above the JPEG's ($jpeg_gray dB)" above "$(psnr "$data/gray.png" "$res/luma.png")" "$jpeg_gray"
check "JPEG Restore Blind: PSNR above the JPEG's" above "$(psnr "$data/gray.png" "$res/blind.png")" "$jpeg_gray"
check "JPEG Restore Color: PSNR above the JPEG's ($jpeg_color dB)" above "$(psnr "$data/color.png" "$res/color.png")" "$jpeg_color"
table() { /usr/bin/python3 "$here/scripts/table_check.py" "$@"; }
check "JPEG Quality Metrics: the table holds the JPEG's PSNR" table "$res/metrics.csv" PSNR "$jpeg_gray" 0.001
check "JPEG DCT Viewer: block map written" test -s "$res/dct-blocks.tif"
check "JPEG Patch Analysis: 16 patches with PSNR" table "$res/patches.csv" rows 16
check "JPEG Estimate Quality: QF 20 from the file" table "$res/estimate.csv" contains 20
check "JPEG Simulate Compression: the QF 20 image" above 40 "$(psnr "$data/gray.png" "$res/simulated.png")"
check "JPEG Restore Benchmark: luma above jpeg" table "$res/benchmark.csv" luma-above-jpeg
check "JPEG Restore Benchmark: one colour per model in the plot" /usr/bin/python3 "$here/scripts/table_check.py" "$res/benchmark-plot.png" colours 2
check "no stack trace on stderr" bash -c "! grep -q 'Exception\|^\s*at ' '$out/commands.err'"
# a one-minute fine-tune gains or not; either way it says so, and a written card restores above the JPEG
check "JPEG Restore Fine-tune: a verdict, and a written card restores" bash -c "grep -q '^JPEG Restore Fine-tune: written: ' '$out/finetune.out' && grep -q 'fine-tune macro finished' '$out/finetune.out' && test -s '$res/tuned-luma.png' && test -f '$res/my-models/install-test.json' || { grep -q '^JPEG Restore Fine-tune: not written: ' '$out/finetune.out' && ! grep -q 'fine-tune rows' '$out/finetune.out'; }"
check "JPEG Restore Fine-tune: no stack trace on stderr" bash -c "! grep -q 'Exception\|^\s*at ' '$out/finetune.err'"
# (Java 22+ itself warns about JNA's System::load unless Fiji starts it with --enable-native-access, and
#  java.util.prefs logs 'Created user preferences directory' on a machine's first run: neither is DJL's)
check "no DJL or engine log lines on stderr" bash -c "! grep -Ev 'restricted method|native.access|System::load|Restricted methods|java.util.prefs|user preferences directory' '$out/commands.err' | grep -Eq 'WARN|INFO|graph executor|SLF4J'"

# 4b. a failed command stops the macro: its next line (saveAs) must never write the unrestored image
n=0
for opts in "qf=500 device=cpu" "qf=auto device=cpu model=nosuch" "qf=auto device=cpu nosuchkey=1" "qf=auto device=gpu"; do
  n=$((n + 1))
  printf 'open("%s");\nrun("JPEG Restore Luma", "%s");\nsaveAs("PNG", "%s");\nprint("the macro went on");\n' \
    "$data/gray-q20.jpg" "$opts" "$res/failed-$n.png" > "$out/failing-$n.ijm"
  "$kit/start.sh" --headless -macro "$out/failing-$n.ijm" > "$out/failing-$n.out" 2>&1
  check "a failed restore ($opts) stops the macro before saveAs" \
    bash -c "test ! -e '$res/failed-$n.png' && ! grep -q 'the macro went on' '$out/failing-$n.out' && grep -q '^JPEG Restore Luma: ' '$out/failing-$n.out'"
done

# 5. the SciJava twins through Fiji's command service
sed -e "s|@DATA@|$data|g" -e "s|@RES@|$res|g" "$here/scripts/fiji-twins.bsh" > "$out/twins.bsh"
"$kit/start.sh" --headless --run "$out/twins.bsh" > "$out/twins.out" 2> "$out/twins.err"
for t in "JPEG Restore Luma" "JPEG Restore Color" "JPEG Restore Blind" "JPEG Quality Metrics" "JPEG DCT Viewer" \
         "JPEG Patch Analysis" "JPEG Estimate Quality" "JPEG Simulate Compression" "JPEG Restore Benchmark" \
         "JPEG Restore Fine-tune"; do
  check "twin $t" grep -qx "twin ok: $t" "$out/twins.out"
done
check "twin Luma: PSNR above the JPEG's" above "$(psnr "$data/gray.png" "$res/twin-luma.png")" "$jpeg_gray"

# 6. the GUI, for the README's pictures: Plugins > JPEG Restore and the Luma dialog (scripts/fiji-gui-shots.sh)
if $gui; then
  "$here/scripts/fiji-gui-shots.sh" "$fiji" "$data/gray-q20.jpg" "$out" > "$out/gui.log" 2>&1
  check "GUI screenshots taken (menu, dialog)" bash -c "test -s '$out/shot-menu.png' && test -s '$out/shot-dialog.png'"
fi

echo "fiji-install: files added: $(tr '\n' ' ' < "$out/jars-added.txt")"
echo "fiji-install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
