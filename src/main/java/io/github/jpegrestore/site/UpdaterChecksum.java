package io.github.jpegrestore.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.github.jpegrestore.JpegRestoreException;

/**
 * The checksum the ImageJ updater records for a file of an update site, as it computes it (read
 * from imagej-updater's UpdaterUtil.getDigest / getJarDigest, SkipHashedLines and FilterManifest,
 * and written here from that description):
 * <ul>
 * <li>any file but a jar: SHA-1 over the file's path in the ImageJ folder (ASCII, e.g.
 * "models/luma.pt") followed by its bytes;</li>
 * <li>a jar: SHA-1 over its entries sorted by name (String order), each as its name (ASCII) followed
 * by its content, where a ".properties" entry loses its comment lines (a line that starts with
 * '#' contributes only its newline; the updater's stream treats the character after an empty or
 * "#"-only line as not starting a line, and so does this) and "META-INF/MANIFEST.MF" keeps only the
 * lines whose upper-cased text starts with "Main-Class:", which none does: a manifest adds its
 * name only. So rebuilding a jar with new dates in its manifest and pom.properties keeps its
 * checksum, and the checksum of a jar is not the SHA-1 of the file.</li>
 * </ul>
 */
public final class UpdaterChecksum {
	private UpdaterChecksum() {}

	/** The updater's checksum of {@code file}, installed at {@code sitePath} ("plugins/X.jar", "models/luma.pt"). */
	public static String of(String sitePath, Path file) {
		try {
			return sitePath.endsWith(".jar") ? jar(file) : plain(sitePath, file);
		} catch (IOException e) {
			throw new JpegRestoreException(file + ": cannot read: " + e.getMessage());
		}
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static String plain(String sitePath, Path file) throws IOException {
		MessageDigest d = sha1();
		d.update(sitePath.getBytes(StandardCharsets.US_ASCII));
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;) d.update(buf, 0, n);
		}
		return hex(d.digest());
	}

	static String jar(Path file) throws IOException {
		MessageDigest d = sha1();
		try (JarFile jar = new JarFile(file.toFile(), false)) {
			List<JarEntry> entries = new ArrayList<>(Collections.list(jar.entries()));
			entries.sort(Comparator.comparing(JarEntry::getName));
			for (JarEntry e : entries) {
				String name = e.getName();
				d.update(name.getBytes(StandardCharsets.US_ASCII));
				byte[] content;
				try (InputStream in = jar.getInputStream(e)) {
					content = in.readAllBytes();
				}
				if (name.endsWith(".properties")) content = skipHashedLines(content);
				if (name.equals("META-INF/MANIFEST.MF")) content = filterManifest(content);
				d.update(content);
			}
		}
		return hex(d.digest());
	}

	/** The bytes a SkipHashedLines stream gives for {@code in}. */
	static byte[] skipHashedLines(byte[] in) {
		return new HashedLines(in).all();
	}

	/** The updater's stream over a .properties file, as a state machine over bytes (its recursion kept). */
	private static final class HashedLines {
		private final byte[] in;
		private int pos;
		private boolean atLineStart = true;

		HashedLines(byte[] in) {
			this.in = in;
		}

		private int raw() {
			return pos < in.length ? in[pos++] & 0xff : -1;
		}

		private int read() {
			int ch = raw();
			if (atLineStart) {
				if (ch == '#') {
					do {
						ch = read();
					} while (ch != '\n' && ch != -1);
				} else atLineStart = false;
			} else if (ch == '\n') atLineStart = true;
			return ch;
		}

		byte[] all() {
			ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
			for (int ch; (ch = read()) != -1;) out.write(ch);
			return out.toByteArray();
		}
	}

	/** The bytes a FilterManifest stream keeping only the main class gives: lines matching its test, each with '\n'. */
	static byte[] filterManifest(byte[] in) {
		StringBuilder sb = new StringBuilder();
		for (String line : new String(in, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1))
			if (line.toUpperCase(Locale.ROOT).startsWith("Main-Class:")) sb.append(line).append('\n');
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

	static String hex(byte[] b) {
		StringBuilder sb = new StringBuilder(2 * b.length);
		for (byte x : b) sb.append(String.format("%02x", x));
		return sb.toString();
	}
}
