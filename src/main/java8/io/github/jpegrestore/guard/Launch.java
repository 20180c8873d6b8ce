package io.github.jpegrestore.guard;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

/**
 * What every menu entry of the suite points at (plugins.config): compiled for Java 8, so that a
 * Fiji still on Java 8 (its "Java-8" update site) can load it and say in one line what is needed,
 * instead of ImageJ's UnsupportedClassVersionError window for the suite's Java 11 classes. On Java
 * 11 or newer it runs the command's plugin class, named in the menu entry's argument.
 */
public class Launch implements PlugIn {
	/** The oldest Java the suite runs on (its classes are compiled for it). */
	static final int NEEDED = 11;

	@Override
	public void run(String pluginClass) {
		String problem = problem(System.getProperty("java.specification.version"), System.getProperty("java.version"));
		if (problem != null) {
			refuse(problem);
			return;
		}
		IJ.runPlugIn(pluginClass, "");
	}

	/** The Java feature number of "1.8" (8) or "17" (17); 0 when unreadable. */
	static int feature(String specification) {
		if (specification == null) return 0;
		String s = specification.startsWith("1.") ? specification.substring(2) : specification;
		int end = 0;
		while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
		try {
			return Integer.parseInt(s.substring(0, end));
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	/** The one-line refusal for this Java, or null when the suite can run. */
	static String problem(String specification, String version) {
		if (feature(specification) >= NEEDED) return null;
		return "JPEG Restore needs Java " + NEEDED + " or newer, and this Fiji runs Java " + version
			+ ": download the current Fiji (fiji.sc, \"Fiji Latest\", Java 21) and add the JPEG Restore update site there";
	}

	/** Says it (a dialog for a person at the screen, else the Log or stderr) and stops a running macro. */
	static void refuse(String line) {
		boolean macro = Macro.getOptions() != null || Interpreter.getInstance() != null;
		if (!macro && !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) IJ.error("JPEG Restore", line);
		else if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null) System.err.println("JPEG Restore: " + line);
		else IJ.log("JPEG Restore: " + line);
		if (macro) Macro.abort();
	}
}
