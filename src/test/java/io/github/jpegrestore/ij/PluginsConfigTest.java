package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.ModelStore;

/** plugins.config, the headless command table and the bundled model agree. */
class PluginsConfigTest {
	@Test
	void everyCommandIsRegisteredOnceUnderPluginsJpegRestore() throws Exception {
		Map<String, String> entries = new LinkedHashMap<>();
		try (InputStream in = PluginsConfigTest.class.getResourceAsStream("/plugins.config")) {
			assertNotNull(in, "plugins.config is packaged");
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#")) continue;
				String[] p = line.split(",\\s*", 3);
				assertEquals("Plugins>JPEG Restore", p[0]);
				String label = p[1].replace("\"", "");
				String cls = p[2].replaceAll("\\(.*\\)$", "").trim();
				assertTrue(entries.put(label, cls) == null, "duplicate menu entry " + label);
				Class.forName(cls);
			}
		}
		assertEquals(MacroRunner.COMMANDS, entries, "plugins.config and the headless command table list the same commands");
	}

	@Test
	void bundledLumaModelIsFoundAndVerified() {
		ModelCard c = ModelStore.find("luma");
		assertEquals("luma", c.task);
		assertTrue(c.verifiedWeights().toFile().isFile());
		assertTrue(c.json.getAsJsonObject("validation").has("classic5"), "the card carries validation numbers");
	}
}
