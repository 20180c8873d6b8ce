package io.github.jpegrestore.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.TestData;

/** The ImageJ updater's checksums, and an update site written, read back and updated. */
class UpdateSiteTest {
	@TempDir Path dir;

	/**
	 * Known values, computed outside Java by an independent implementation of the updater's rule
	 * (Python zipfile and hashlib, the commit that added fixtures/updater-checksum.jar):
	 * the fixture jar has a manifest with build dates, a pom.properties with comment lines (one of
	 * them '#' alone, after which the updater does not treat the next line as a line start), a
	 * class, a text file and a directory entry.
	 */
	@Test
	void checksumsMatchKnownValues() throws Exception {
		assertEquals("66996663edff22236448c8c67ee620c79c6ffd00", UpdaterChecksum.of("jars/x.jar", TestData.fixture("updater-checksum.jar")));
		Path txt = dir.resolve("x.txt");
		Files.writeString(txt, "hello\n");
		assertEquals("e2c9d3f8a23bb10ec96c541b220013627d8ef2e7", UpdaterChecksum.of("models/x.txt", txt), "SHA-1 of the path, then the bytes");
		assertNotEquals(UpdaterChecksum.of("models/x.txt", txt), UpdaterChecksum.of("models/y.txt", txt), "the path is part of it");
		byte[] props = "#a\n#\n#b\nk=v\n\n#c\n".getBytes(StandardCharsets.US_ASCII);
		assertEquals("\n\n#b\nk=v\n\n#c\n", new String(UpdaterChecksum.skipHashedLines(props), StandardCharsets.US_ASCII));
		assertEquals(0, UpdaterChecksum.filterManifest("Manifest-Version: 1.0\nMain-Class: a.B\n".getBytes(StandardCharsets.UTF_8)).length);
	}

	static Path jar(Path p, String manifestDate, String propsDate, byte code) throws Exception {
		try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(p))) {
			j.putNextEntry(new JarEntry("META-INF/MANIFEST.MF"));
			j.write(("Manifest-Version: 1.0\nBuild-Date: " + manifestDate + "\n").getBytes(StandardCharsets.UTF_8));
			j.putNextEntry(new JarEntry("META-INF/maven/g/a/pom.properties"));
			j.write(("#Created " + propsDate + "\nversion=1\n").getBytes(StandardCharsets.UTF_8));
			j.putNextEntry(new JarEntry("a/A.class"));
			j.write(new byte[] { 1, 2, code });
		}
		return p;
	}

	@Test
	void aRebuiltJarKeepsItsChecksumAndAChangedOneDoesNot() throws Exception {
		String a = UpdaterChecksum.of("plugins/P.jar", jar(dir.resolve("a.jar"), "monday", "monday", (byte) 3));
		String b = UpdaterChecksum.of("plugins/P.jar", jar(dir.resolve("b.jar"), "tuesday", "tuesday", (byte) 3));
		String c = UpdaterChecksum.of("plugins/P.jar", jar(dir.resolve("c.jar"), "monday", "monday", (byte) 4));
		assertEquals(a, b, "dates in the manifest and pom.properties do not count");
		assertNotEquals(a, c, "a class does");
		assertNotEquals(a, UpdaterChecksum.plain("plugins/P.jar", dir.resolve("a.jar")), "not the file's SHA-1");
	}

	@Test
	void siteIsReadBackRecordByRecordAndUpdatesKeepPreviousVersions() throws Exception {
		Path lib = Files.createDirectories(dir.resolve("lib")), models = Files.createDirectories(dir.resolve("models"));
		Path plugin = jar(dir.resolve("JPEG_Restore.jar"), "d1", "d1", (byte) 1);
		jar(lib.resolve("api-0.35.1.jar"), "x", "x", (byte) 5); // DJL's api: Fiji's api-0.14.0 has that name
		jar(lib.resolve("gson-2.10.1.jar"), "x", "x", (byte) 6); // Fiji ships it: left off
		jar(lib.resolve("picocli-4.7.6.jar"), "x", "x", (byte) 10); // likewise
		jar(lib.resolve("slf4j-nop-2.0.17.jar"), "x", "x", (byte) 11); // the command line's binding only
		jar(lib.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), "x", "x", (byte) 7);
		Path natives = Files.createDirectories(dir.resolve("natives"));
		jar(natives.resolve("pytorch-native-cpu-2.7.1-win-x86_64.jar"), "x", "x", (byte) 8);
		jar(natives.resolve("pytorch-native-cpu-2.7.1-osx-aarch64.jar"), "x", "x", (byte) 9);
		Files.writeString(models.resolve("luma.json"), "{}");
		Files.write(models.resolve("luma.pt"), new byte[] { 1, 2, 3 });
		Path site = dir.resolve("site");
		List<UpdateSite.Entry> entries = SiteLayout.entries(plugin, lib, natives, models);
		UpdateSite.Report first = UpdateSite.write(site, entries, "20261122080000");
		assertEquals(7, first.stored);
		Map<String, UpdateSite.Record> db = UpdateSite.read(site.resolve(UpdateSite.DB));
		assertEquals(List.of("plugins/JPEG_Restore.jar", "jars/djl-api-0.35.1.jar", "jars/linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar",
			"jars/macos-arm64/pytorch-native-cpu-2.7.1-osx-aarch64.jar", "jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar",
			"models/jpeg-restore/luma.json", "models/jpeg-restore/luma.pt"), List.copyOf(db.keySet()));
		for (UpdateSite.Record r : db.values()) {
			Path stored = site.resolve(r.filename + "-" + r.timestamp);
			assertTrue(Files.isRegularFile(stored), stored.toString());
			assertEquals(Files.size(stored), r.filesize, r.filename);
			assertEquals(UpdaterChecksum.of(r.filename, stored), r.checksum, r.filename);
			assertTrue(r.timestamp.matches("\\d{14}"), r.timestamp);
		}
		assertEquals(List.of("win64"), db.get("jars/win64/pytorch-native-cpu-2.7.1-win-x86_64.jar").platforms);
		assertEquals(List.of("jars/djl-api-0.35.1.jar"), db.get("plugins/JPEG_Restore.jar").dependencies.stream().map(d -> d[0]).collect(java.util.stream.Collectors.toList()),
			"the plugin needs every jar on the site but the natives, which the updater would otherwise install on every platform");
		assertTrue(db.get("plugins/JPEG_Restore.jar").description.contains("JPEG"));

		// a rebuild with new dates changes nothing; a changed model is a new version, the old one a previous version
		jar(plugin, "d2", "d2", (byte) 1);
		Files.write(models.resolve("luma.pt"), new byte[] { 9, 9 });
		UpdateSite.Report second = UpdateSite.write(site, SiteLayout.entries(plugin, lib, natives, models), "20261123090000");
		assertEquals(1, second.stored);
		assertEquals(6, second.kept);
		db = UpdateSite.read(site.resolve(UpdateSite.DB));
		assertEquals("20261122080000", db.get("plugins/JPEG_Restore.jar").timestamp);
		UpdateSite.Record luma = db.get("models/jpeg-restore/luma.pt");
		assertEquals("20261123090000", luma.timestamp);
		assertEquals(1, luma.previous.size());
		assertEquals("20261122080000", luma.previous.get(0)[0]);
		assertEquals(UpdaterChecksum.of("models/jpeg-restore/luma.pt", site.resolve("models/jpeg-restore/luma.pt-20261122080000")), luma.previous.get(0)[2]);
		assertTrue(Files.isRegularFile(site.resolve("models/jpeg-restore/luma.pt-20261122080000")), "old versions stay for installed copies");

		// a file no longer shipped keeps its record without a current version
		Files.delete(models.resolve("luma.json"));
		UpdateSite.write(site, SiteLayout.entries(plugin, lib, natives, models), "20261124100000");
		UpdateSite.Record gone = UpdateSite.read(site.resolve(UpdateSite.DB)).get("models/jpeg-restore/luma.json");
		assertNull(gone.checksum);
		assertEquals(1, gone.previous.size());
	}

	@Test
	void commandLinePrintsChecksumsForMaintainers() throws Exception {
		java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
		Path fixture = TestData.fixture("updater-checksum.jar");
		int code = io.github.jpegrestore.cli.Main.execute(new String[] { "update-site", "--checksum", fixture.toString() },
			new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
		assertEquals(0, code, err.toString());
		assertEquals("66996663edff22236448c8c67ee620c79c6ffd00  " + fixture, out.toString().trim());
	}
}
