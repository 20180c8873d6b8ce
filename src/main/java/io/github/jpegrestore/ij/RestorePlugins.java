package io.github.jpegrestore.ij;

import ij.IJ;

/** What the ImageJ 1 restore entries share: read the options (macro, dialog or defaults), run on the current image, show. */
final class RestorePlugins {
	private RestorePlugins() {}

	static void run(CommandSpec spec) {
		PluginSupport.withValues(spec, v -> PluginSupport.runAndShow(spec.title, imp -> RestoreOp.run(spec, v, imp, new IjProgress(spec.title), IJ::log)));
	}
}
