// Restores every JPEG of a folder into another folder as PNG (batch mode, runs headless).
//   bin/jpeg-restore macro macros/restore-folder.ijm "input=/data/jpegs output=/data/restored"
// or in Fiji: Plugins > Macros > Run..., with the same argument set below.
// Options: input=DIR output=DIR [model=luma|CARD.json] [device=auto|cpu|gpu] [constrain]
// Existing outputs are skipped (never overwritten); each file's QF comes from its own DQT table.
arg = getArgument();
input = call("ij.Macro.getValue", arg, "input", "");
output = call("ij.Macro.getValue", arg, "output", "");
model = call("ij.Macro.getValue", arg, "model", "luma");
device = call("ij.Macro.getValue", arg, "device", "auto");
constrain = "";
if (indexOf(" " + arg + " ", " constrain ") >= 0) constrain = " constrain";
if (input == "" || output == "") exit("usage: input=DIR output=DIR [model=luma] [device=auto] [constrain]");
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;
if (!File.isDirectory(input)) exit("no such folder: " + input);
File.makeDirectory(output);
setBatchMode(true);
list = getFileList(input);
done = 0; skipped = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!endsWith(lower, ".jpg") && !endsWith(lower, ".jpeg")) continue;
	target = output + File.getNameWithoutExtension(name) + "-restored.png";
	if (File.exists(target)) { print("skip (exists): " + target); skipped++; continue; }
	open(input + name);
	run("JPEG Restore Luma", "qf=auto device=" + device + " model=[" + model + "]" + constrain);
	saveAs("PNG", target);
	close("*");
	done++;
}
print("restored " + done + " file(s), skipped " + skipped + " into " + output);
