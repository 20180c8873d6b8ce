// Restores every image of a folder into another folder as NAME-restored.png, each at its own QF,
// exactly as the command line's `batch`: existing outputs are skipped (never overwritten), a bad
// file is logged and the run goes on, OUTPUT/restore-log.csv gets a row per file, and the macro
// ends with an error when any file failed (so `ImageJ -batch` and the headless runner exit non-zero).
//   bin/jpeg-restore macro macros/restore-folder.ijm "input=/data/jpegs output=/data/restored"
// or in Fiji: Plugins > Macros > Run..., with the same argument set below.
// Options: input=DIR output=DIR [model=luma|color|CARD.json] [device=auto|cpu|gpu] [constrain]
arg = getArgument();
input = call("ij.Macro.getValue", arg, "input", "");
output = call("ij.Macro.getValue", arg, "output", "");
model = call("ij.Macro.getValue", arg, "model", "luma");
device = call("ij.Macro.getValue", arg, "device", "auto");
constrain = "";
if (indexOf(" " + arg + " ", " constrain ") >= 0) constrain = " constrain";
if (input == "" || output == "") exit("usage: input=DIR output=DIR [model=luma] [device=auto] [constrain]");
result = call("io.github.jpegrestore.ij.MacroCalls.restoreFolder", input, output, "qf=auto device=" + device + " model=[" + model + "]" + constrain);
print(result);
if (startsWith(result, "failed") || indexOf(result, ", failed 0 ") < 0) exit(result);
