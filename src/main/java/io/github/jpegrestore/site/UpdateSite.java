package io.github.jpegrestore.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.jpegrestore.JpegRestoreException;

/**
 * An ImageJ update site in a folder, as the ImageJ updater reads it: {@code db.xml.gz} (one
 * {@code plugin} record per file: platforms, the current {@code version} with checksum
 * ({@link UpdaterChecksum}), timestamp (yyyyMMddHHmmss), file size, description and dependencies,
 * then the {@code previous-version}s) and every version of every file stored as
 * {@code PATH-TIMESTAMP}. Writing again over an existing site keeps unchanged files as they were
 * (same timestamp, nothing new stored), gives a changed file a new version and records the old one
 * as a previous version, so installed copies are recognised and updated.
 */
public final class UpdateSite {
	private UpdateSite() {}

	public static final String DB = "db.xml.gz";

	/** A file of the site: its path in the ImageJ folder, where it comes from, and its record's extras. */
	public static final class Entry {
		public final String path;
		public final Path source;
		/** "linux64", "win64", "macos-arm64", ... or null for every platform. */
		public final String platform;
		public final String description;
		/** Site paths of the files this one needs. */
		public final List<String> dependencies = new ArrayList<>();

		public Entry(String path, Path source, String platform, String description) {
			if (path.startsWith("/") || path.contains("..") || path.contains("\\")) throw new IllegalArgumentException("bad site path " + path);
			this.path = path;
			this.source = source;
			this.platform = platform;
			this.description = description;
		}
	}

	/** A record of db.xml.gz as read back. */
	public static final class Record {
		public final String filename;
		public final List<String> platforms = new ArrayList<>();
		public String checksum, timestamp, description;
		public long filesize;
		public final List<String[]> dependencies = new ArrayList<>(); // filename, timestamp
		public final List<String[]> previous = new ArrayList<>(); // timestamp, timestamp-obsolete, checksum

		Record(String filename) {
			this.filename = filename;
		}
	}

	/** What a write did: files stored anew (new or changed) and kept. */
	public static final class Report {
		public int stored, kept;

		@Override
		public String toString() {
			return stored + " file(s) stored, " + kept + " unchanged";
		}
	}

	public static String timestamp(ZonedDateTime t) {
		return t.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
	}

	/** Writes (or updates) the site in {@code dir} with these files, versions new or changed ones at {@code timestamp}. */
	public static Report write(Path dir, List<Entry> entries, String timestamp) {
		try {
			Files.createDirectories(dir);
			Map<String, Record> old = Files.isRegularFile(dir.resolve(DB)) ? read(dir.resolve(DB)) : new LinkedHashMap<>();
			Map<String, Record> now = new LinkedHashMap<>();
			Report report = new Report();
			for (Entry e : entries) {
				if (!Files.isRegularFile(e.source)) throw new JpegRestoreException(e.source + ": no such file (for " + e.path + ")");
				Record r = new Record(e.path);
				if (e.platform != null) r.platforms.add(e.platform);
				r.description = e.description;
				r.checksum = UpdaterChecksum.of(e.path, e.source);
				r.filesize = Files.size(e.source);
				Record before = old.get(e.path);
				if (before != null) r.previous.addAll(before.previous);
				if (before != null && before.checksum.equals(r.checksum) && Files.isRegularFile(dir.resolve(e.path + "-" + before.timestamp))) {
					r.timestamp = before.timestamp;
					report.kept++;
				} else {
					r.timestamp = timestamp;
					if (before != null) r.previous.add(new String[] { before.timestamp, timestamp, before.checksum });
					Path target = dir.resolve(e.path + "-" + timestamp);
					Files.createDirectories(target.getParent());
					Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
					Files.copy(e.source, tmp, StandardCopyOption.REPLACE_EXISTING);
					Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
					report.stored++;
				}
				now.put(e.path, r);
			}
			for (Entry e : entries)
				for (String dep : e.dependencies) {
					Record d = now.get(dep);
					if (d == null) throw new IllegalArgumentException(e.path + " depends on " + dep + ", which is not on the site");
					now.get(e.path).dependencies.add(new String[] { dep, d.timestamp });
				}
			// files no longer shipped keep their record (installed copies stay known), without a current version
			for (Record r : old.values())
				if (!now.containsKey(r.filename)) {
					Record gone = new Record(r.filename);
					gone.platforms.addAll(r.platforms);
					gone.previous.addAll(r.previous);
					if (r.checksum != null) gone.previous.add(new String[] { r.timestamp, timestamp, r.checksum });
					now.put(r.filename, gone);
				}
			Path db = dir.resolve(DB), tmp = dir.resolve("." + DB + ".part");
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
				out.write(xml(now.values()).getBytes(StandardCharsets.UTF_8));
			}
			Files.move(tmp, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return report;
		} catch (IOException e) {
			throw new JpegRestoreException(dir + ": " + e.getMessage());
		}
	}

	/** The element structure the updater's reader expects (its own db.xml.gz files carry the same declaration). */
	static final String DOCTYPE = "<!DOCTYPE pluginRecords [\n"
		+ "<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>\n"
		+ "<!ELEMENT plugin (platform*, category*, version?, previous-version*)>\n"
		+ "<!ELEMENT version (description?, dependency*, link*, author*)>\n"
		+ "<!ELEMENT previous-version EMPTY>\n<!ELEMENT dependency EMPTY>\n"
		+ "<!ELEMENT description (#PCDATA)>\n<!ELEMENT link (#PCDATA)>\n<!ELEMENT author (#PCDATA)>\n"
		+ "<!ELEMENT platform (#PCDATA)>\n<!ELEMENT category (#PCDATA)>\n"
		+ "<!ATTLIST plugin update-site CDATA #IMPLIED filename CDATA #REQUIRED executable CDATA #IMPLIED>\n"
		+ "<!ATTLIST dependency filename CDATA #REQUIRED timestamp CDATA #IMPLIED overrides CDATA #IMPLIED>\n"
		+ "<!ATTLIST version timestamp CDATA #REQUIRED checksum CDATA #REQUIRED filesize CDATA #REQUIRED>\n"
		+ "<!ATTLIST previous-version filename CDATA #IMPLIED timestamp CDATA #REQUIRED timestamp-obsolete CDATA #IMPLIED checksum CDATA #REQUIRED>\n"
		+ "]>\n";

	static String xml(Iterable<Record> records) {
		StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(DOCTYPE).append("<pluginRecords>\n");
		for (Record r : records) {
			sb.append("    <plugin filename=\"").append(esc(r.filename)).append("\">\n");
			for (String p : r.platforms) sb.append("        <platform>").append(esc(p)).append("</platform>\n");
			if (r.checksum != null) {
				sb.append("        <version checksum=\"").append(r.checksum).append("\" timestamp=\"").append(r.timestamp)
					.append("\" filesize=\"").append(r.filesize).append("\">\n");
				if (r.description != null) sb.append("            <description>").append(esc(r.description)).append("</description>\n");
				for (String[] d : r.dependencies)
					sb.append("            <dependency filename=\"").append(esc(d[0])).append("\" timestamp=\"").append(d[1]).append("\"/>\n");
				sb.append("        </version>\n");
			}
			for (String[] p : r.previous)
				sb.append("        <previous-version timestamp=\"").append(p[0]).append("\" timestamp-obsolete=\"").append(p[1])
					.append("\" checksum=\"").append(p[2]).append("\"/>\n");
			sb.append("    </plugin>\n");
		}
		return sb.append("</pluginRecords>\n").toString();
	}

	static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** Reads a db.xml.gz back: its records by filename, in order. */
	public static Map<String, Record> read(Path db) {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(db))) {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setExpandEntityReferences(false);
			Document doc = f.newDocumentBuilder().parse(in);
			Map<String, Record> out = new LinkedHashMap<>();
			NodeList plugins = doc.getElementsByTagName("plugin");
			for (int i = 0; i < plugins.getLength(); i++) {
				Element p = (Element) plugins.item(i);
				Record r = new Record(p.getAttribute("filename"));
				NodeList pl = p.getElementsByTagName("platform");
				for (int k = 0; k < pl.getLength(); k++) r.platforms.add(pl.item(k).getTextContent());
				NodeList v = p.getElementsByTagName("version");
				if (v.getLength() > 0) {
					Element ver = (Element) v.item(0);
					r.checksum = ver.getAttribute("checksum");
					r.timestamp = ver.getAttribute("timestamp");
					r.filesize = Long.parseLong(ver.getAttribute("filesize"));
					NodeList desc = ver.getElementsByTagName("description");
					if (desc.getLength() > 0) r.description = desc.item(0).getTextContent();
					NodeList deps = ver.getElementsByTagName("dependency");
					for (int k = 0; k < deps.getLength(); k++) {
						Element d = (Element) deps.item(k);
						r.dependencies.add(new String[] { d.getAttribute("filename"), d.getAttribute("timestamp") });
					}
				}
				NodeList prev = p.getElementsByTagName("previous-version");
				for (int k = 0; k < prev.getLength(); k++) {
					Element d = (Element) prev.item(k);
					r.previous.add(new String[] { d.getAttribute("timestamp"), d.getAttribute("timestamp-obsolete"), d.getAttribute("checksum") });
				}
				out.put(r.filename, r);
			}
			return out;
		} catch (Exception e) {
			throw new JpegRestoreException(db + ": not a readable update site index (" + e.getMessage() + ")");
		}
	}
}
