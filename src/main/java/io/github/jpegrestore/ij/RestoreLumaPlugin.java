package io.github.jpegrestore.ij;

import ij.plugin.PlugIn;

/**
 * Plugins > JPEG Restore > JPEG Restore Luma: Y of gray and RGB images, stacks and hyperstacks.
 * Macro: run("JPEG Restore Luma", "qf=auto constrain device=auto tile=0 model=luma"); options given
 * by a macro are read without a dialog, so it also runs headless.
 */
public class RestoreLumaPlugin implements PlugIn {
	@Override
	public void run(String arg) {
		RestorePlugins.run(RestoreOp.LUMA);
	}
}
