package io.github.jpegrestore.ij;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.Field;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.IJ;
import ij.Menus;
import io.github.jpegrestore.JpegRestoreException;
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
	 * getArgument() is {@code arg}. Failures ImageJ 1 only prints are failures here too: an error
	 * message (IJ.error: "File not found", a failed saveAs) and an exception a command threw (which
	 * ImageJ logs as a stack trace: a command that needs a dialog headless, say) end the run with
	 * their first line instead of a stack trace and a success.
	 */
	public static String run(String macro, String arg) {
		if (macro.startsWith("\uFEFF")) macro = macro.substring(1); // saved with a byte-order mark (Windows Notepad)
		installCommands();
		PluginSupport.lastError = null;
		PluginSupport.runnerReports = true; // the runner's caller prints the one failure line
		IJ.getErrorMessage(); // clears an earlier one
		Interpreter.batchMode = true;
		Interpreter interp = new Interpreter();
		java.io.PrintStream out = System.out, err = System.err;
		TraceCatcher traces = new TraceCatcher(out), errTraces = new TraceCatcher(err);
		System.setOut(traces);
		System.setErr(errTraces);
		try {
			String ret = interp.run(macro, arg);
			String failed = failure(interp, traces);
			if (failed != null) return failed;
			if ("[aborted]".equals(ret)) return "macro aborted";
		} catch (RuntimeException e) {
			String failed = failure(interp, traces);
			if (failed != null) return failed;
			String m = e.getMessage();
			if (ij.Macro.MACRO_CANCELED.equals(m)) { // exit(): a normal end; exit("message"): a failure that says why
				if (traces.exitMessage == null) return null;
				return "the macro stopped with exit(): " + JpegRestoreException.firstLine(traces.exitMessage);
			}
			// ImageJ reports macro errors (syntax, failed built-ins) in a dialog, which cannot open headless
			if (e instanceof java.awt.HeadlessException)
				return "macro error at line " + interp.getLineNumber() + " (a syntax error, or a command that needs a dialog: give all its options in the macro)";
			return m == null ? e.toString() : JpegRestoreException.firstLine(m);
		} finally {
			PluginSupport.runnerReports = false;
			System.setOut(out);
			System.setErr(err);
			if (traces.first == null) traces.first = errTraces.first;
		}
		return failure(interp, traces);
	}

	/** The first failure of a run: the suite's own, the interpreter's, an ImageJ error message, a logged exception; or null. */
	private static String failure(Interpreter interp, TraceCatcher traces) {
		if (PluginSupport.lastError != null) return PluginSupport.lastError;
		if (interp.wasError()) return "macro error at line " + interp.getLineNumber() + ": " + JpegRestoreException.firstLine(interp.getErrorMessage());
		String ij = IJ.getErrorMessage();
		if (ij != null) return ij.replaceAll("\\s*\n\\s*", " ").trim();
		if (traces.first != null) {
			String t = traces.first;
			if (t.startsWith("java.awt.HeadlessException")) return "a command needs a dialog, which cannot open headless: give all its options in the macro";
			return t;
		}
		return null;
	}

	/**
	 * Standard output and error while a macro runs. Without a Log window ImageJ 1 prints a command's
	 * exception as a stack trace to standard output (Executer, IJ.handleException), and some writers
	 * print theirs to standard error (Throwable.printStackTrace); this keeps the first line of the
	 * first one as the run's failure and prints none of them. It also keeps (and does not print)
	 * the message of the macro's {@code exit("message")}, which ImageJ without a window prints
	 * through IJ.showMessage, so that the run's one failure line carries it; a bare {@code exit()}
	 * prints nothing and ends the run normally, as in ImageJ.
	 */
	static final class TraceCatcher extends java.io.PrintStream {
		String first, exitMessage;

		TraceCatcher(java.io.PrintStream out) {
			super(out, true);
		}

		@Override
		public void println(String s) {
			if (s != null && s.contains("\n\tat ")) {
				if (first == null) first = s.substring(0, s.indexOf('\n')).trim();
				return;
			}
			if (s != null && exitMessage == null && calledByMacroExit()) {
				exitMessage = s;
				return;
			}
			if (s != null && (s.startsWith("\tat ") || s.startsWith("\t... ") || s.startsWith("Caused by: ") || s.startsWith("\tSuppressed: ")))
				return;
			super.println(s);
		}

		private static boolean calledByMacroExit() {
			return StackWalker.getInstance().walk(frames -> frames.limit(12)
					.anyMatch(f -> f.getClassName().equals("ij.macro.Functions") && f.getMethodName().equals("exit")));
		}

		@Override
		public void println(Object o) {
			if (o instanceof Throwable) { // Throwable.printStackTrace: the exception, then its "\tat" lines
				if (first == null) first = JpegRestoreException.firstLine(o.toString());
				return;
			}
			println(String.valueOf(o));
		}
	}
}
