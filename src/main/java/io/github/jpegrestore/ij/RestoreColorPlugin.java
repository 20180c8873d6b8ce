package io.github.jpegrestore.ij;

import ij.plugin.PlugIn;

/**
 * Plugins > JPEG Restore > JPEG Restore Color: Y by the luma model, then Cb/Cr by the color model
 * guided by the restored Y; RGB images, stacks and hyperstacks (a gray image gets Y only, with a
 * note in the Log). Macro: run("JPEG Restore Color", "qf=auto device=auto tile=0 model=color");
 */
public class RestoreColorPlugin implements PlugIn {
	@Override
	public void run(String arg) {
		RestorePlugins.run(RestoreOp.COLOR);
	}
}
