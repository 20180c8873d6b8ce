package io.github.jpegrestore.ij;

import ij.IJ;

/** What the ImageJ 1 restore entries share: read the options (macro, dialog or defaults), run on the current image, show. */
final class RestorePlugins {
	private RestorePlugins() {}

	static void run(CommandSpec spec) {
		CommandSpec.Values v;
		try {
			v = spec.read();
			if (v == null) return;
		} catch (IllegalArgumentException e) {
			PluginSupport.fail(spec.title, e);
			return;
		}
		PluginSupport.runAndShow(spec.title, imp -> RestoreOp.run(spec, v, imp, new IjProgress(spec.title), IJ::log));
	}
}
