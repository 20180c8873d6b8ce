package io.github.jpegrestore.inference;

/**
 * The settings DJL's engine runs with, the same in every front end (command line, ImageJ 1, Fiji),
 * applied once before the first DJL call ({@link ContextLoader} applies them):
 * <ul>
 * <li>{@code ai.djl.offline=true}: nothing is ever downloaded behind the user's back;</li>
 * <li>{@code ai.djl.pytorch.graph_optimizer=false} unless set: the optimizer makes the first two
 * predictions three times slower and the steady state no faster;</li>
 * <li>DJL's own log lines off, unless {@code -Djpegrestore.verbose=true}: Fiji binds SLF4J to logback,
 * which prints them to stderr and so opens Fiji's Console at the first restore. Set through
 * reflection, so the suite neither needs nor ships logback.</li>
 * </ul>
 */
public final class EngineSettings {
	private EngineSettings() {}

	private static boolean applied;

	/** Whether the user asked for DJL's log lines and the suite's device line. */
	public static boolean verbose() {
		return Boolean.getBoolean("jpegrestore.verbose");
	}

	public static synchronized void apply() {
		if (applied) return;
		applied = true;
		System.setProperty("ai.djl.offline", "true");
		if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
		if (!verbose()) quietLogback("ai.djl");
	}

	/** Sets the logger's level to ERROR when SLF4J is bound to logback; returns whether it was. */
	static boolean quietLogback(String name) {
		try {
			Object logger = org.slf4j.LoggerFactory.getLogger(name);
			Class<?> level = Class.forName("ch.qos.logback.classic.Level", false, logger.getClass().getClassLoader());
			logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("ERROR").get(null));
			return true;
		} catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
			return false; // another binding (the command line's slf4j-nop prints nothing anyway)
		}
	}
}
