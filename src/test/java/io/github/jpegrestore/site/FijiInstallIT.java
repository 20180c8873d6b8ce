package io.github.jpegrestore.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The update site in a real Fiji (the copy in ../shared/fiji; skipped without it), after the build
 * has made the plugin jar and target/lib (failsafe: the integration-test phase):
 * <ul>
 * <li>the site's jar list against every file of Fiji's own update sites (the dependency policy of
 * {@link SiteLayout});</li>
 * <li>scripts/fiji-install-test.sh: Fiji's own updater installs the site from a file: URL with a
 * plain update, nothing of Fiji is replaced or shadowed, and the nine commands and their twins run
 * there on real inputs.</li>
 * </ul>
 */
class FijiInstallIT {
	static final Path KIT = Path.of("..", "shared", "fiji");

	static void assumeKit() {
		assumeTrue(Files.isRegularFile(KIT.resolve("fiji-sites-current-files.txt")) && Files.isRegularFile(KIT.resolve("new-fiji.sh")),
			"no real Fiji at ../shared/fiji: the Fiji install tests are skipped");
	}

	/** Fiji's jars by version-less name (the updater's identity of a file) -> their paths. */
	static Map<String, List<String>> fijiJars() throws Exception {
		Map<String, List<String>> out = new TreeMap<>();
		for (String line : Files.readAllLines(KIT.resolve("fiji-sites-current-files.txt"), StandardCharsets.UTF_8)) {
			String[] f = line.split("\t");
			if (f.length < 2 || !f[1].endsWith(".jar")) continue;
			String name = f[1].substring(f[1].lastIndexOf('/') + 1);
			out.computeIfAbsent(SiteLayout.artifactOf(name), k -> new ArrayList<>()).add(f[1]);
		}
		return out;
	}

	@Test
	void siteJarsFollowTheDependencyPolicyAgainstFijisFiles() throws Exception {
		assumeKit();
		Path lib = Path.of("target", "lib"), jar = Path.of("target", "JPEG_Restore.jar");
		assertTrue(Files.isDirectory(lib) && Files.isRegularFile(jar), "the build made target/lib and the plugin jar");
		Map<String, List<String>> fiji = fijiJars();
		assertNotNull(fiji.get("api"), "Fiji's list is read: it has api-0.14.0");
		List<UpdateSite.Entry> entries = SiteLayout.entries(jar, lib, null, Path.of("models"));
		Set<String> onSite = new TreeSet<>();
		for (UpdateSite.Entry e : entries) {
			if (!e.path.endsWith(".jar")) continue;
			String name = SiteLayout.artifactOf(e.path.substring(e.path.lastIndexOf('/') + 1));
			assertTrue(!fiji.containsKey(name), e.path + " shares its version-less name with Fiji's " + fiji.get(name));
			onSite.add(e.path);
		}
		// every dependency whose name Fiji has stays off the site (Fiji ships it) or goes on it renamed (an
		// unrelated artifact of Fiji's has the name); everything else is on it
		for (Path dep : SiteLayout.list(lib, ".jar")) {
			String name = dep.getFileName().toString(), artifact = SiteLayout.artifactOf(name);
			if (SiteLayout.nativeClassifier(name) != null) continue;
			boolean fijiHasIt = fiji.containsKey(artifact);
			if (fijiHasIt)
				assertTrue(SiteLayout.PROVIDED.contains(artifact) || SiteLayout.RENAMED.containsKey(artifact),
					artifact + " is a name in Fiji (" + fiji.get(artifact) + "): it must be PROVIDED, or RENAMED if Fiji's is another artifact");
			else if (!SiteLayout.CLI_ONLY.contains(artifact))
				assertTrue(onSite.contains("jars/" + SiteLayout.siteName(name)), name + " is not in Fiji: it must be on the site");
		}
		for (String p : SiteLayout.PROVIDED)
			assertTrue(fiji.containsKey(p), p + " is left off the site as provided, but Fiji's sites do not have it");
	}

	@Test
	void realUpdaterInstallsTheSiteAndEveryCommandRunsInFiji() throws Exception {
		assumeKit();
		Path out = Path.of("target", "fiji-install").toAbsolutePath(), log = Path.of("target", "fiji-install.log");
		ProcessBuilder pb = new ProcessBuilder("bash", "scripts/fiji-install-test.sh", out.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Process p = pb.start();
		assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the install test finished in 15 minutes");
		String text = Files.readString(log);
		List<String> failed = text.lines().filter(l -> l.contains(": FAIL ")).collect(Collectors.toList());
		assertEquals(List.of(), failed, "see " + log);
		assertEquals(0, p.exitValue(), text);
		assertTrue(text.lines().filter(l -> l.contains(": ok ")).count() >= 30, "every check ran: " + text);
	}
}
