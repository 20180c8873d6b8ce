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
			Sessions.closing = false; // this JVM goes on with other tests; models open again on demand
		}
	}
}
