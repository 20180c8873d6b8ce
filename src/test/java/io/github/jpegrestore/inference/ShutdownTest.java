package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.TestModels;

/**
 * SIGTERM / exit during a restore: the shutdown hook closes the models under the running call,
 * which then ends with one line that says so, not "NDManager has been closed already" (issue 9, item 11).
 */
class ShutdownTest {
	@Test
	void aModelClosedByTheShutdownHookSaysTheProcessIsEnding() {
		TorchModel m = Sessions.get(TestModels.tiny(), DeviceChoice.CPU);
		try {
			Sessions.closeAll(); // what the shutdown hook runs
			JpegRestoreException e = assertThrows(JpegRestoreException.class, () -> m.run(new float[16 * 16], new long[] { 1, 1, 16, 16 }, new float[] { 0.3f }));
			assertTrue(e.getMessage().startsWith("stopped: the process is ending"), e.getMessage());
		} finally {
			TorchModel.closing = false; // this JVM goes on with other tests; models open again on demand
		}
	}

	/** The first engine start says where libtorch goes and how to move it (issue 9, item 14). */
	@Test
	void firstRunSaysWhereTheEngineIsUnpacked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
		String before = System.getProperty("ENGINE_CACHE_DIR");
		java.util.function.Consumer<String> sink = Sessions.notices;
		java.util.List<String> said = new java.util.ArrayList<>();
		try {
			System.setProperty("ENGINE_CACHE_DIR", empty.toString());
			Sessions.notices = said::add;
			setCacheChecked(false); // it may already have run in this JVM: run the check again
			Sessions.announceEngineCache();
			Sessions.announceEngineCache(); // once only
		} finally {
			Sessions.notices = sink;
			if (before == null) System.clearProperty("ENGINE_CACHE_DIR");
			else System.setProperty("ENGINE_CACHE_DIR", before);
		}
		assertTrue(said.size() == 1 && said.get(0).contains(empty.toString()) && said.get(0).contains("DJL_CACHE_DIR"), said.toString());
	}

	static void setCacheChecked(boolean v) {
		try {
			java.lang.reflect.Field f = Sessions.class.getDeclaredField("cacheChecked");
			f.setAccessible(true);
			f.setBoolean(null, v);
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}
}
