package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.github.jpegrestore.Python;

/**
 * The training pipeline's own tests (training/tests, pytest: the degradations, patches and
 * networks the models learn from), run as part of the one test command. Skips, visibly, where
 * python3 with torch or pytest is missing (.ci/run installs both).
 */
class TrainingPythonTest {
	@Test
	void pytestOfTheTrainingPipelinePasses() throws Exception {
		String py = Python.find();
		Assumptions.assumeTrue(py != null, "no python3 with torch: training tests skipped");
		Process probe = new ProcessBuilder(py, "-c", "import pytest").redirectErrorStream(true).start();
		probe.getInputStream().readAllBytes();
		Assumptions.assumeTrue(probe.waitFor() == 0, "no pytest (Debian python3-pytest): training tests skipped");
		Process p = new ProcessBuilder(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", Path.of("training", "tests").toString())
			.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(10, TimeUnit.MINUTES);
		assertEquals(0, p.exitValue(), out);
	}
}
