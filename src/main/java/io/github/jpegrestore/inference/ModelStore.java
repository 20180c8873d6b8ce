package io.github.jpegrestore.inference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.jpegrestore.JpegRestoreException;

/**
 * Finds models by name ("luma") or path. Looks, in order, in: the folder named by the system
 * property {@code jpegrestore.models} or the environment variable {@code JPEG_RESTORE_MODELS};
 * {@code models/} beside or above the suite's jar (the source checkout, or Fiji.app/models/jpeg-restore);
 * {@code ./models}; and finally inside the jar (extracted once to a cache folder keyed by sha256,
 * ~/.jpeg-restore/models). Every card's weights are checked against its sha256 before use.
 */
public final class ModelStore {
	private ModelStore() {}

	public static List<Path> searchFolders() {
		List<Path> dirs = new ArrayList<>();
		String prop = System.getProperty("jpegrestore.models");
		if (prop != null) dirs.add(Path.of(prop));
		String env = System.getenv("JPEG_RESTORE_MODELS");
		if (env != null) dirs.add(Path.of(env));
		Path jar = jarLocation();
		if (jar != null) {
			Path d = jar.getParent();
			for (int up = 0; up < 3 && d != null; up++, d = d.getParent()) {
				dirs.add(d.resolve("models"));
				dirs.add(d.resolve("models").resolve("jpeg-restore"));
			}
		}
		dirs.add(Path.of("models").toAbsolutePath());
		return dirs;
	}

	/** The jar (or classes folder) the suite runs from, or null when that cannot be told. */
	public static Path jarLocation() {
		try {
			return Path.of(ModelStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		} catch (URISyntaxException | RuntimeException e) {
			return null;
		}
	}

	/** A card by model name or by path (a .json card, or a .pt with its card beside it). */
	/**
	 * The model a card names as its guide (a color card: the luma model it was trained behind; a
	 * blind card: the luma model for a QF the file gives): {@code override} when given (a name or
	 * card path), else a card of the guide's name beside the card, else found by name.
	 */
	public static ModelCard guideOf(ModelCard card, String override) {
		if (override != null && !override.isBlank()) return find(override.trim());
		java.nio.file.Path beside = card.dir.resolve(card.guide + ".json");
		return java.nio.file.Files.isRegularFile(beside) ? ModelCard.read(beside) : find(card.guide);
	}

	public static ModelCard find(String nameOrPath) {
		if (nameOrPath.endsWith(".json") || nameOrPath.endsWith(".pt") || nameOrPath.contains("/") || nameOrPath.contains("\\")) {
			Path p = Path.of(nameOrPath);
			if (p.toString().endsWith(".pt")) p = p.resolveSibling(p.getFileName().toString().replaceAll("\\.pt$", ".json"));
			if (!Files.isRegularFile(p)) throw new JpegRestoreException("model card " + p + " not found");
			return ModelCard.read(p);
		}
		String name = nameOrPath.toLowerCase(Locale.ROOT);
		for (Path d : searchFolders()) {
			Path card = d.resolve(name + ".json");
			if (Files.isRegularFile(card)) return ModelCard.read(card);
		}
		ModelCard bundled = fromJar(name);
		if (bundled != null) return bundled;
		List<Path> dirs = searchFolders();
		throw new IllegalArgumentException("no '" + name + "' model found (not in the plugin jar nor in " + dirs.size() + " model folders, the first "
			+ dirs.get(0) + "; JPEG_RESTORE_MODELS may name a folder holding " + name + ".json and its weights)");
	}

	/** Extracts /models/NAME.json and its weights from the classpath into the cache. */
	static ModelCard fromJar(String name) {
		try (InputStream cardIn = ModelStore.class.getResourceAsStream("/models/" + name + ".json")) {
			if (cardIn == null) return null;
			byte[] cardBytes = cardIn.readAllBytes();
			Path tmpCard = Files.createTempFile("card", ".json");
			Files.write(tmpCard, cardBytes);
			ModelCard card = ModelCard.read(tmpCard);
			Files.delete(tmpCard);
			Path dir = Path.of(System.getProperty("user.home"), ".jpeg-restore", "models", card.sha256.substring(0, 16));
			Files.createDirectories(dir);
			Path w = dir.resolve(card.file);
			if (!Files.isRegularFile(w) || !ModelCard.sha256(w).equalsIgnoreCase(card.sha256)) {
				try (InputStream win = ModelStore.class.getResourceAsStream("/models/" + card.file)) {
					if (win == null) throw new JpegRestoreException("model '" + name + "': the jar has its card but not " + card.file);
					Path part = Files.createTempFile(dir, card.file, ".part");
					Files.copy(win, part, StandardCopyOption.REPLACE_EXISTING);
					Files.move(part, w, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				}
			}
			Files.write(dir.resolve(name + ".json"), cardBytes);
			return ModelCard.read(dir.resolve(name + ".json"));
		} catch (IOException e) {
			throw new JpegRestoreException("cannot unpack bundled model '" + name + "': " + e.getMessage());
		}
	}
}
