package io.github.jpegrestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds a python3 with PyTorch (Debian's python3-torch) and runs the training scripts. */
public final class Python {
	private Python() {}

	private static String found;
	private static boolean searched;

	/** A python3 that imports torch, numpy and PIL, or null. JPEG_RESTORE_PYTHON overrides. */
	public static synchronized String find() {
		if (searched) return found;
		searched = true;
		List<String> candidates = new ArrayList<>();
		String env = System.getenv("JPEG_RESTORE_PYTHON");
		if (env != null) candidates.add(env);
		candidates.addAll(Arrays.asList("/usr/bin/python3", "python3"));
		for (String c : candidates) {
			try {
				Process p = new ProcessBuilder(c, "-c", "import torch, numpy, PIL").redirectErrorStream(true).start();
				p.getInputStream().readAllBytes();
				if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) return found = c;
			} catch (IOException | InterruptedException e) {
				// try the next one
			}
		}
		return null;
	}

	/** Runs a script of training/ with arguments; returns stdout+stderr; throws when it fails. */
	public static String run(String script, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(find());
		cmd.add(Path.of("training", script).toString());
		cmd.addAll(Arrays.asList(args));
		return exec(cmd);
	}

	public static String exec(List<String> cmd) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("PYTHONUNBUFFERED", "1");
		Process p = pb.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0)
			throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
		return out;
	}
}
