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
				java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\S+)\\(\"(.*)\"\\)$").matcher(p[2].trim());
				assertTrue(m.matches(), "entry runs a class with an argument: " + line);
				assertEquals(Menu.GUARD, m.group(1), "every entry goes through the Java 8 guard");
				assertTrue(entries.put(label, m.group(2)) == null, "duplicate menu entry " + label);
				Class.forName(m.group(2));
			}
		}
		assertEquals(MacroRunner.COMMANDS, entries, "plugins.config and the headless command table list the same commands");
	}

	@Test
	void topLevelPluginsConfigIsTheGeneratedOne() throws Exception {
		String committed = java.nio.file.Files.readString(java.nio.file.Path.of("plugins.config"));
		assertEquals(Menu.pluginsConfig(), committed,
			"plugins.config at the top level is written from ij.Menu: java -cp target/classes io.github.jpegrestore.ij.Menu plugins.config");
	}

	@Test
	void bundledLumaModelIsFoundAndVerified() {
		ModelCard c = ModelStore.find("luma");
		assertEquals(io.github.jpegrestore.inference.ModelTask.LUMA, c.task);
		assertTrue(c.verifiedWeights().toFile().isFile());
		assertTrue(c.json.getAsJsonObject("validation").has("classic5"), "the card carries validation numbers");
	}
}
