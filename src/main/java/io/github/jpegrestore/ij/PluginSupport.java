package io.github.jpegrestore.ij;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import io.github.jpegrestore.spec.Failures;
import io.github.jpegrestore.inference.ContextLoader;

/**
 * What every ImageJ 1 entry point of the suite does the same way: find the input image, run with
 * this plugin's class loader as context loader (DJL needs it), report a failure as one line (a
 * dialog only when a person is at the screen; in macros the macro is aborted), show the result.
 */
public final class PluginSupport {
	private PluginSupport() {}

	/** The last error reported, for the headless macro runner's exit code. */
	static volatile String lastError;

	/** Set while the suite's headless macro runner runs: it prints the failure line itself, once. */
	static volatile boolean runnerReports;

	public static boolean interactive() {
		return CommandSpec.interactive();
	}

	public static ImagePlus currentImage() {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new IllegalArgumentException("no image is open");
		return imp;
	}

	/** Runs the operation, shows its image; errors become one line (and abort a running macro). */
	public static void runAndShow(String title, Function<ImagePlus, ImagePlus> op) {
		runAndShowAll(title, () -> op.apply(currentImage()));
	}

	/** {@link #runAndShow} for a command that needs no current image. */
	public static void runAndShowAll(String title, java.util.function.Supplier<ImagePlus> op) {
		try {
			if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) io.github.jpegrestore.inference.Sessions.notices = m -> IJ.log(title + ": " + m);
			ImagePlus out = ContextLoader.call(op::get);
			IJ.showProgress(1.0);
			IJ.showStatus("");
			if (out != null) out.show();
		} catch (CancellationException e) {
			IJ.showProgress(1.0);
			IJ.showStatus(title + ": canceled");
			fail(title, "canceled");
		} catch (LinkageError e) {
			fail(title, installProblem(e));
		} catch (RuntimeException | OutOfMemoryError e) {
			fail(title, e);
		}
	}

	/** How ImageJ words a failure: settings by their macro keys, memory from ImageJ's options. */
	static final Failures.Wording WORDING = Failures.byKey("give ImageJ more memory (Edit > Options > Memory & Threads) or use a smaller tile");

	/**
	 * What an incomplete install looks like to the user: a class of a dependency that ImageJ cannot
	 * find (the plugin jar was copied without its libraries) names the library and the fix.
	 */
	static String installProblem(LinkageError e) {
		String cls = String.valueOf(e.getMessage()).replace('.', '/');
		String lib = cls.startsWith("ai/djl/pytorch") ? "DJL's PyTorch engine (pytorch-engine, pytorch-jni jars)"
			: cls.startsWith("ai/djl") ? "DJL (djl-api jar)"
			: cls.startsWith("com/google/gson") ? "Gson"
			: cls.startsWith("org/scijava") ? "SciJava Common"
			: "a library";
		if (e instanceof UnsatisfiedLinkError)
			return "the PyTorch native library cannot be loaded (" + e.getMessage() + "): install the suite's native jar for this platform into ImageJ's jars/<platform>/ folder";
		return "the installation is incomplete: " + lib + " is missing (class " + e.getMessage() + " not found); install JPEG Restore "
			+ "through its update site, or copy every jar of the suite's lib folder into ImageJ's jars/ folder";
	}

	/**
	 * Stops the macro that called the failed command, so that its next line (usually saveAs) never
	 * runs. Macro.abort() alone throws only on a thread whose name ends in "Macro$" (ImageJ's menu
	 * macros); elsewhere it sets a flag that only some callers read. The running interpreter is told
	 * directly: its next statement is not executed.
	 */
	static void abortMacro() {
		Interpreter running = Interpreter.getInstance();
		if (running != null) running.abortMacro();
		Macro.abort();
	}

	/**
	 * What every menu command does first: read its values (macro options, else the dialog for a
	 * person, else the defaults) and run {@code body} with them; nothing when the dialog is
	 * canceled; a bad value or bad data is one error line (and stops a running macro).
	 */
	static void withValues(CommandSpec spec, java.util.function.Consumer<CommandSpec.Values> body) {
		try {
			CommandSpec.Values v = spec.read();
			if (v != null) body.accept(v);
		} catch (IllegalArgumentException | io.github.jpegrestore.JpegRestoreException e) {
			fail(spec.title, e);
		}
	}

	/** {@link #fail(String, String)} with the user's line for {@code e}. */
	public static void fail(String title, Throwable e) {
		fail(title, Failures.userLine(e, WORDING));
	}

	public static void fail(String title, String message) {
		String line = title + ": " + message;
		lastError = line;
		if (interactive()) IJ.error(title, message);
		else {
			if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null) {
				if (!runnerReports) System.err.println(line);
			} else IJ.log(line);
			if (Macro.getOptions() != null || Interpreter.getInstance() != null) abortMacro();
		}
	}
}
