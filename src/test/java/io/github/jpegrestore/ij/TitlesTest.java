package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Issue 22, item 10: an image title is no file name (Simulate Compression on "a/b"). */
class TitlesTest {
	@Test
	void temporaryFileNamesFromAnyTitle() throws Exception {
		for (String title : new String[] { "a/b", "..\\\\x", "名前", "x".repeat(300), "" }) {
			Path f = Files.createTempFile(SimulateCompressionPlugin.safePrefix(title), ".jpg");
			try {
				assertTrue(f.getFileName().toString().length() < 80, f.toString());
			} finally {
				Files.delete(f);
			}
		}
		assertEquals("a_b-", SimulateCompressionPlugin.safePrefix("a/b"));
	}
}
