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
 * {@code ./models}; the user's own models ({@link #userFolder()}, where a fine-tune given a bare
 * name writes); and finally inside the jar (extracted once to a cache folder keyed by sha256,
 * ~/.jpeg-restore/models). Every card's weights are checked against its sha256 before use. The
 * user's folder comes after the shipped ones, so a user card never shadows a shipped model.
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
		dirs.add(userFolder());
		return dirs;
	}

	/**
	 * The user's own models (fine-tuned cards): the system property {@code jpegrestore.user.models},
	 * else the environment variable {@code JPEG_RESTORE_USER_MODELS}, else {@code ~/.jpeg-restore/my-models}.
	 */
	public static Path userFolder() {
		String prop = System.getProperty("jpegrestore.user.models");
		if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath();
		String env = System.getenv("JPEG_RESTORE_USER_MODELS");
		if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
		return Path.of(System.getProperty("user.home"), ".jpeg-restore", "my-models");
	}

	/** Whether {@code s} is a model's name (a card found by {@link #find}) rather than a path. */
	public static boolean isName(String s) {
		return !(s.endsWith(".json") || s.endsWith(".pt") || s.contains("/") || s.contains("\\"));
	}

	/**
	 * Where a new card goes: a bare name ({@code em-tuned}, lower-cased as names are looked up) is
	 * {@code userFolder()/em-tuned.json}, the folder made when missing, found afterwards by that
	 * name; a name another model folder or the jar already has is refused (the user's card would
	 * never be found by it). Anything else is the path as given.
	 */
	public static Path newCard(String nameOrPath) {
		String s = nameOrPath.trim();
		if (!isName(s)) return Path.of(s);
		if (!s.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
			throw new IllegalArgumentException("a model name is letters, digits, '.', '_' and '-', got '" + s + "' (or give a path NAME.json)");
		String name = s.toLowerCase(Locale.ROOT);
		Path user = userFolder();
		for (Path d : searchFolders())
			if (!d.equals(user) && Files.isRegularFile(d.resolve(name + ".json")))
				throw new IllegalArgumentException("a model named '" + name + "' already exists (" + d.resolve(name + ".json") + "): choose another name");
		if (ModelStore.class.getResource("/models/" + name + ".json") != null)
			throw new IllegalArgumentException("'" + name + "' is the name of a shipped model: choose another name");
		try {
			Files.createDirectories(user);
		} catch (IOException e) {
			throw new JpegRestoreException("cannot make the user models folder " + user + ": " + e.getMessage());
		}
		return user.resolve(name + ".json");
	}

	/**
	 * The names a dialog offers for a model of {@code task}: {@code bundled} names of that task
	 * first (the shipped models), then every card of that task in the model folders, the user's
	 * folder last, each name once (the one {@link #find} resolves). A card that cannot be read is
	 * left out (using it by name says why).
	 */
	public static List<String> names(ModelTask task, List<String> bundled) {
		java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
		for (String b : bundled) {
			if (taskOf(b) == task) out.add(b);
		}
		for (Path d : searchFolders()) {
			if (!Files.isDirectory(d)) continue;
			try (java.util.stream.Stream<Path> files = Files.list(d)) {
				for (Path card : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()::iterator) {
					String name = card.getFileName().toString().replaceAll("\\.json$", "");
					if (out.contains(name) || !name.equals(name.toLowerCase(Locale.ROOT))) continue;
					try {
						if (ModelCard.read(card).task == task) out.add(name);
					} catch (RuntimeException e) {
						// not a card (or a broken one): not offered
					}
				}
			} catch (IOException e) {
				// an unreadable folder offers nothing
			}
		}
		return new ArrayList<>(out);
	}

	/** The task of the model {@link #find} finds by this name or path, or null when it finds none (or an unreadable card). */
	public static ModelTask taskOf(String nameOrPath) {
		try {
			return find(nameOrPath).task;
		} catch (RuntimeException e) {
			return null;
		}
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
		if (!isName(nameOrPath)) {
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
