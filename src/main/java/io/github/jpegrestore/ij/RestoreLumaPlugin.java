package io.github.jpegrestore.ij;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.restore.QfChoice;

/**
 * Plugins > JPEG Restore > JPEG Restore Luma (ImageJ 1 entry, registered in plugins.config).
 * Macro: run("JPEG Restore Luma", "qf=auto constrain device=auto tile=0"); options given by a macro
 * are read without a dialog, so it also runs headless.
 */
public class RestoreLumaPlugin implements PlugIn {
	@Override
	public void run(String arg) {
		LumaRestoreOp op;
		String options = Macro.getOptions();
		try {
			if (options != null) op = LumaRestoreOp.fromOptions(options);
			else if (!PluginSupport.interactive()) op = new LumaRestoreOp();
			else if ((op = dialog()) == null) return;
		} catch (IllegalArgumentException e) {
			PluginSupport.fail(LumaRestoreOp.TITLE, e.getMessage());
			return;
		}
		LumaRestoreOp o = op;
		PluginSupport.runAndShow(LumaRestoreOp.TITLE, imp -> o.run(imp, new IjProgress(LumaRestoreOp.TITLE), IJ::log));
	}

	static LumaRestoreOp dialog() {
		GenericDialog gd = new GenericDialog(LumaRestoreOp.TITLE);
		gd.addStringField("qf", "auto", 6);
		gd.addMessage("auto: the JPEG file's quality, else estimated; file; or a number 1-100");
		gd.addCheckbox("constrain", false);
		String[] devices = new String[DeviceChoice.values().length];
		for (int i = 0; i < devices.length; i++) devices[i] = DeviceChoice.values()[i].label;
		gd.addChoice("device", devices, "auto");
		gd.addNumericField("tile", 0, 0, 6, "px (0 = automatic)");
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		LumaRestoreOp op = new LumaRestoreOp();
		op.qf = QfChoice.parse(gd.getNextString());
		op.constrain = gd.getNextBoolean();
		op.device = DeviceChoice.fromLabel(gd.getNextChoice());
		op.tile = (int) gd.getNextNumber();
		return op;
	}
}
