package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every shipped model has a BioImage.IO description (models/NAME.rdf.yaml, spec 0.5, written by
 * training/rdf.py) that the official bioimageio.spec package validates, with its test tensors and
 * weights checked against their sha256. Skips, and says so, when no python3 has bioimageio.spec
 * (.ci/run installs it).
 */
class BioImageIoTest {
	static String python() {
		for (String p : new String[] { System.getenv("JPEG_RESTORE_BIOIMAGEIO_PYTHON"), "python3", "/usr/bin/python3" }) {
			if (p == null) continue;
			try {
				Process pr = new ProcessBuilder(p, "-c", "import bioimageio.spec").redirectErrorStream(true).start();
				pr.getInputStream().readAllBytes();
				if (pr.waitFor(120, TimeUnit.SECONDS) && pr.exitValue() == 0) return p;
			} catch (IOException | InterruptedException e) {
				// next
			}
		}
		return null;
	}

	@Test
	void everyShippedModelHasAValidDescription() throws Exception {
		List<Path> cards;
		try (Stream<Path> s = Files.list(Path.of("models"))) {
			cards = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
		}
		assertTrue(!cards.isEmpty(), "models/ has cards");
		for (Path c : cards) {
			Path rdf = c.resolveSibling(c.getFileName().toString().replace(".json", ".rdf.yaml"));
			assertTrue(Files.isRegularFile(rdf), c.getFileName() + " has no BioImage.IO description " + rdf.getFileName() + " (training/rdf.py)");
		}
		String py = python();
		Assumptions.assumeTrue(py != null, "bioimageio.spec is not installed for any python3 here (pip install bioimageio.spec): descriptions not validated");
		for (Path c : cards) {
			Path rdf = c.resolveSibling(c.getFileName().toString().replace(".json", ".rdf.yaml"));
			Process pr = new ProcessBuilder(py, "-c", "import sys, bioimageio.spec as s\n"
				+ "d = s.load_description(sys.argv[1], perform_io_checks=True)\n"
				+ "print(d.validation_summary.status)\n"
				+ "if d.validation_summary.status not in ('passed', 'valid-format'): print(d.validation_summary.format())\n", rdf.toString())
				.redirectErrorStream(true).start();
			String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertTrue(pr.waitFor(5, TimeUnit.MINUTES), "validation of " + rdf + " timed out");
			assertTrue(out.startsWith("passed") || out.startsWith("valid-format"), rdf.getFileName() + ":\n" + out);
		}
	}
}
