package io.github.jpegrestore.inference;

import java.util.function.Supplier;

/**
 * Runs code with the suite's own class loader as the thread's context class loader. In plain
 * ImageJ 1 the plugin class loader is not the context loader, and DJL then finds no engine (and
 * caches that answer for good), so every DJL entry point goes through here; the first call applies
 * {@link EngineSettings}.
 */
public final class ContextLoader {
	private ContextLoader() {}

	public static <T> T call(Supplier<T> s) {
		EngineSettings.apply();
		Thread t = Thread.currentThread();
		ClassLoader old = t.getContextClassLoader();
		t.setContextClassLoader(ContextLoader.class.getClassLoader());
		try {
			return s.get();
		} finally {
			t.setContextClassLoader(old);
		}
	}
}
