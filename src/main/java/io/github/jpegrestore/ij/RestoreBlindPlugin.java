package io.github.jpegrestore.ij;

import ij.plugin.PlugIn;

/**
 * Plugins > JPEG Restore > JPEG Restore Blind: the blind model predicts the QF from the pixels (one
 * QF per image) and restores under it; qf=N overrides it (lower: stronger smoothing, higher: more
 * detail kept), sweep restores under QF 10 ... 90 into a stack to choose by eye. For a JPEG file
 * qf=auto takes the file's QF, or a double JPEG's earlier, stronger one.
 * Macro: run("JPEG Restore Blind", "qf=auto device=auto tile=0 model=blind");
 */
public class RestoreBlindPlugin implements PlugIn {
	@Override
	public void run(String arg) {
		RestorePlugins.run(RestoreOp.BLIND);
	}
}
