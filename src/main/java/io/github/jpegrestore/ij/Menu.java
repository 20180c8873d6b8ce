package io.github.jpegrestore.ij;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every menu label of the suite, stated once. Each label is also the macro command name and the
 * SciJava twin's name. {@code plugins.config} (ImageJ 1's menu registrations, read by ImageJ 1 and
 * Fiji from a jar whose name has an underscore) is written from this list by the build
 * ({@link #main}), never by hand.
 */
public final class Menu {
	private Menu() {}

	public static final String RESTORE_LUMA = "JPEG Restore Luma";
	public static final String RESTORE_COLOR = "JPEG Restore Color";
	public static final String RESTORE_BLIND = "JPEG Restore Blind";
	public static final String METRICS = "JPEG Quality Metrics";
	public static final String DCT = "JPEG DCT Viewer";
	public static final String PATCHES = "JPEG Patch Analysis";
	public static final String ESTIMATE = "JPEG Estimate Quality";
	public static final String SIMULATE = "JPEG Simulate Compression";
	public static final String BENCHMARK = "JPEG Restore Benchmark";
	public static final String FINETUNE = "JPEG Restore Fine-tune";

	static final String SUBMENU = "Plugins>JPEG Restore";

	/** Label and ImageJ 1 plugin class, in menu order. */
	static final String[][] ENTRIES = {
		{ RESTORE_LUMA, "RestoreLumaPlugin" },
		{ RESTORE_COLOR, "RestoreColorPlugin" },
		{ RESTORE_BLIND, "RestoreBlindPlugin" },
		{ METRICS, "QualityMetricsPlugin" },
		{ DCT, "DctViewerPlugin" },
		{ PATCHES, "PatchAnalysisPlugin" },
		{ ESTIMATE, "EstimateQualityPlugin" },
		{ SIMULATE, "SimulateCompressionPlugin" },
		{ BENCHMARK, "BenchmarkPlugin" },
		{ FINETUNE, "FineTunePlugin" },
	};

	/** Label to plugin class name, in menu order. */
	public static java.util.Map<String, String> commands() {
		java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
		for (String[] e : ENTRIES)
			m.put(e[0], Menu.class.getPackageName() + "." + e[1]);
		return java.util.Collections.unmodifiableMap(m);
	}

	/**
	 * The class every menu entry runs, with the command's plugin class as its argument: compiled for
	 * Java 8, it refuses in one line on a Java older than the suite's (src/main/java8).
	 */
	static final String GUARD = "io.github.jpegrestore.guard.Launch";

	/** The text of plugins.config. */
	public static String pluginsConfig() {
		StringBuilder sb = new StringBuilder();
		sb.append("# JPEG Restore: ImageJ 1 menu registrations, written by the build from ").append(Menu.class.getName()).append(".\n");
		sb.append("# The labels are also the macro command names.\n");
		for (java.util.Map.Entry<String, String> e : commands().entrySet())
			sb.append(SUBMENU).append(", \"").append(e.getKey()).append("\", ").append(GUARD).append("(\"").append(e.getValue()).append("\")\n");
		return sb.toString();
	}

	/** Build step: writes plugins.config to the path given. */
	public static void main(String[] args) throws IOException {
		Path out = Path.of(args[0]);
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.write(out, pluginsConfig().getBytes(StandardCharsets.UTF_8));
	}
}
