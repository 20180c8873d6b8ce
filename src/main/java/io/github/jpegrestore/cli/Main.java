package io.github.jpegrestore.cli;

import java.io.PrintWriter;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.spec.Failures;
import io.github.jpegrestore.spec.OutputExists;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line (docs/architecture.md). Exit code 0 on success, 2 on bad arguments, 1 on
 * failure, always with one line on stderr and no stack trace.
 */
@Command(name = "jpeg-restore", mixinStandardHelpOptions = true, version = "JPEG Restore 0.1.0",
	description = "Restore JPEG-compressed images and measure the result.",
	subcommands = { DemoCommand.class, CompressCommand.class, RestoreCommand.class, BatchCommand.class, MetricsCommand.class, QfCommand.class, DctCommand.class, PatchesCommand.class, BenchmarkCommand.class, ThroughputCommand.class, FineTuneCommand.class, MacroCommand.class, UpdateSiteCommand.class })
public final class Main implements Runnable {
	/** Held so that its level stays set (java.util.logging keeps loggers weakly). */
	private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("jpegrestore");

	@Override
	public void run() {
		throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (demo, compress, restore, batch, metrics, qf, dct, patches, benchmark, macro); see --help");
	}

	public static void main(String[] args) {
		// the CLI reports the device in its own output; keep stderr for errors
		QUIET.setLevel(java.util.logging.Level.WARNING);
		System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
	}

	/** Runs the command line with the given streams; returns the exit code. */
	public static int execute(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine cl = new CommandLine(new Main());
		Described.applyAll(cl);
		cl.setOut(out);
		cl.setErr(err);
		cl.setParameterExceptionHandler((ex, a) -> {
			err.println("jpeg-restore: " + JpegRestoreException.firstLine(ex.getMessage()));
			err.flush();
			return Exit.USAGE;
		});
		cl.setExecutionExceptionHandler((ex, c, parsed) -> {
			err.println("jpeg-restore: " + message(ex));
			err.flush();
			return Failures.isUsage(ex) ? Exit.USAGE : Exit.FAILURE;
		});
		try {
			return cl.execute(args);
		} catch (OutOfMemoryError e) { // picocli hands Errors on; the user gets one line, not a JVM stack trace
			err.println("jpeg-restore: " + message(e));
			err.flush();
			return Exit.FAILURE;
		}
	}

	/** How the command line words a failure: settings as {@code --key-name}, how to replace an output, how to get memory. */
	static final Failures.Wording WORDING = new Failures.Wording() {
		@Override
		public String key(String key) {
			return "--" + key.replace('_', '-');
		}

		@Override
		public String exists(OutputExists e) {
			return e.getMessage() + " (use --overwrite to replace it)";
		}

		@Override
		public String outOfMemory() {
			return "give Java more, e.g. JAVA_OPTS=-Xmx8g, or use a smaller --tile";
		}
	};

	/** The one line a failure prints. */
	static String message(Throwable ex) {
		if (ex instanceof Exit.CliFailure) return JpegRestoreException.firstLine(ex.getMessage());
		return Failures.userLine(ex, WORDING);
	}

}
