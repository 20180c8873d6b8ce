package io.github.jpegrestore.ij;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.Field;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.Menus;
import ij.macro.Interpreter;

/**
 * Runs ImageJ macros with the suite's commands installed, with or without a display. With a
 * display (or Xvfb) ImageJ builds its menus as usual and the suite's commands are added to them;
 * in a truly headless JVM, where ImageJ 1 cannot build its menu bar, the command table is set up
 * directly with the suite's commands (the macro language's functions, open() and saveAs() among
 * them, work as usual; ImageJ's own menu commands need a display: the launcher uses xvfb-run).
 */
public final class MacroRunner {
	private MacroRunner() {}

	/** Menu label -> ImageJ 1 plugin class: the suite's commands (plugins.config lists the same). */
	public static final Map<String, String> COMMANDS = Menu.commands();

	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static synchronized void installCommands() {
		Hashtable table = GraphicsEnvironment.isHeadless() ? null : Menus.getCommands();
		if (table == null) {
			try {
				Field f = Menus.class.getDeclaredField("pluginsTable");
				f.setAccessible(true);
				table = (Hashtable) f.get(null);
				if (table == null) {
					table = headlessTable();
					f.set(null, table);
				}
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException("cannot register commands with ImageJ: " + e);
			}
		}
		for (Map.Entry<String, String> c : COMMANDS.entrySet())
			table.put(c.getKey(), c.getValue());
	}

	/**
	 * ImageJ 1's own menu commands without building a menu bar: those of IJ_Props.txt (in ij.jar)
	 * and those Menus adds in code (ij1-menu-commands.txt, extracted from ij 1.54p).
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Hashtable headlessTable() {
		Hashtable t = new Hashtable();
		java.util.regex.Pattern prop = java.util.regex.Pattern.compile("^\\w+=\"([^\"]+)\",(.+)$");
		readLines("/IJ_Props.txt", Menus.class, line -> {
			java.util.regex.Matcher m = prop.matcher(line.trim());
			if (m.matches()) t.put(m.group(1).replaceAll("\\[[^\\]]*\\]$", ""), m.group(2).trim()); // "Flatten[F]": shortcut dropped
		});
		readLines("ij1-menu-commands.txt", MacroRunner.class, line -> {
			int tab = line.indexOf('\t');
			if (!line.startsWith("#") && tab > 0) t.put(line.substring(0, tab), line.substring(tab + 1).trim());
		});
		return t;
	}

	static void readLines(String resource, Class<?> base, java.util.function.Consumer<String> each) {
		try (java.io.InputStream in = base.getResourceAsStream(resource)) {
			if (in == null) return;
			for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).split("\n"))
				each.accept(line);
		} catch (java.io.IOException e) {
			throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage());
		}
	}

	/**
	 * Runs a macro in batch mode; returns null on success or the error line. The macro's
	 * getArgument() is {@code arg}.
	 */
	public static String run(String macro, String arg) {
		installCommands();
		PluginSupport.lastError = null;
		Interpreter.batchMode = true;
		Interpreter interp = new Interpreter();
		try {
			String ret = interp.run(macro, arg);
			if (PluginSupport.lastError != null) return PluginSupport.lastError;
			if (interp.wasError()) return "macro error at line " + interp.getLineNumber() + ": " + io.github.jpegrestore.JpegRestoreException.firstLine(interp.getErrorMessage());
			if ("[aborted]".equals(ret)) return "macro aborted";
		} catch (RuntimeException e) {
			if (PluginSupport.lastError != null) return PluginSupport.lastError;
			if (interp.wasError()) return "macro error at line " + interp.getLineNumber() + ": " + io.github.jpegrestore.JpegRestoreException.firstLine(interp.getErrorMessage());
			String m = e.getMessage();
			if (ij.Macro.MACRO_CANCELED.equals(m)) return "the macro stopped with exit() (its message is printed above)";
			// ImageJ reports macro errors (syntax, failed built-ins) in a dialog, which cannot open headless
			if (e instanceof java.awt.HeadlessException)
				return "macro error at line " + interp.getLineNumber() + " (a syntax error, or a command that needs a dialog: give all its options in the macro)";
			return m == null ? e.toString() : io.github.jpegrestore.JpegRestoreException.firstLine(m);
		}
		if (PluginSupport.lastError != null) return PluginSupport.lastError;
		return null;
	}
}
