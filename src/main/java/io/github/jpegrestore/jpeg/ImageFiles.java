package io.github.jpegrestore.jpeg;

import io.github.jpegrestore.JpegRestoreException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Reading and writing image files for the command line and benchmarks: JPEG through
 * {@link JpegCodec} (so a truncated file is an error, not a gray half), PNG, BMP, TIFF, GIF through
 * ImageIO. Outputs are written to a temporary file beside the target and moved into place, so a
 * failure never leaves a partial file, and an existing file is refused unless overwrite is set.
 */
public final class ImageFiles {
	private ImageFiles() {}

	/** A decoded image plus the bytes it came from (for DQT side information). */
	public static final class Loaded {
		public final Image8 image;
		public final byte[] bytes;
		/** Non-null when the file is a JPEG. */
		public final JpegInfo jpeg;

		Loaded(Image8 image, byte[] bytes, JpegInfo jpeg) {
			this.image = image;
			this.bytes = bytes;
			this.jpeg = jpeg;
		}
	}

	public static Image8 read(Path file) {
		return load(file).image;
	}

	public static Loaded load(Path file) {
		byte[] b = readBytes(file);
		if (JpegInfo.isJpeg(b)) {
			try {
				JpegInfo info = JpegInfo.parse(b);
				if (info.precision != 8) throw new JpegRestoreException(info.precision + "-bit JPEG: only 8-bit JPEG is supported");
				return new Loaded(JpegCodec.decode(b), b, info);
			} catch (JpegRestoreException e) {
				throw new JpegRestoreException(file.getFileName() + ": " + e.getMessage());
			}
		}
		int pages = pages(b);
		if (pages > 1)
			throw new JpegRestoreException(file.getFileName() + ": " + pages + " pages (a stack or an animation): restore it in Fiji, where every plane is restored, or split it into single images first");
		BufferedImage bi;
		try {
			bi = ImageIO.read(new ByteArrayInputStream(b));
		} catch (IOException | RuntimeException e) {
			throw new JpegRestoreException(file.getFileName() + ": cannot decode image: " + JpegCodec.oneLine(e));
		}
		if (bi == null) throw new JpegRestoreException(file.getFileName() + ": not an image file this tool can read (JPEG, PNG, TIFF, BMP, GIF)");
		try {
			return new Loaded(ImageConvert.fromBuffered(bi), b, null);
		} catch (JpegRestoreException e) {
			throw new JpegRestoreException(file.getFileName() + ": " + e.getMessage());
		}
	}

	/** Inputs larger than this are refused before reading (a 100-megapixel RGB TIFF is 300 MB). */
	static final long MAX_INPUT_BYTES = 2000L << 20;

	/** Number of images in a file ImageIO can read (TIFF pages, GIF frames); 1 when it cannot tell. */
	static int pages(byte[] b) {
		try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
			java.util.Iterator<javax.imageio.ImageReader> it = ImageIO.getImageReaders(in);
			if (!it.hasNext()) return 1;
			javax.imageio.ImageReader r = it.next();
			try {
				r.setInput(in, false, true);
				return Math.max(1, r.getNumImages(true));
			} finally {
				r.dispose();
			}
		} catch (IOException | RuntimeException e) {
			return 1;
		}
	}

	public static byte[] readBytes(Path file) {
		try {
			if (Files.isDirectory(file)) throw new JpegRestoreException(file + ": is a folder, not an image file");
			if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
			// a FIFO would block forever and a device (/dev/urandom) never ends: only plain files are read
			if (!Files.isRegularFile(file)) throw new JpegRestoreException(file + ": not a regular file (a pipe, device or socket)");
			if (Files.size(file) > MAX_INPUT_BYTES) throw new JpegRestoreException(file + ": larger than " + (MAX_INPUT_BYTES >> 20) + " MB, not an image this tool reads");
			return Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw new JpegRestoreException(file + ": no such file");
		} catch (AccessDeniedException e) {
			throw new JpegRestoreException(file + ": permission denied");
		} catch (IOException e) {
			throw new JpegRestoreException(file + ": cannot read: " + JpegCodec.oneLine(e));
		}
	}

	/** Image format from a file name: png, tif, bmp or jpg. */
	/** The file name without its extension ("a.b.png" -> "a.b"). */
	public static String stem(Path f) {
		String n = f.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	/** {@code file} with {@code suffix} inserted before its extension ("out.png", "-qf10" -> "out-qf10.png"). */
	public static Path withSuffix(Path file, String suffix) {
		String n = file.getFileName().toString(), stem = stem(file);
		return file.resolveSibling(stem + suffix + n.substring(stem.length()));
	}

	public static String formatOf(Path file) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		int dot = n.lastIndexOf('.');
		String ext = dot < 0 ? "" : n.substring(dot + 1);
		switch (ext) {
			case "png": return "png";
			case "tif": case "tiff": return "tif";
			case "bmp": return "bmp";
			case "jpg": case "jpeg": return "jpg";
			default: throw new IllegalArgumentException(file + ": unknown output format '" + ext + "' (use .png, .tif, .bmp or .jpg)");
		}
	}

	/** Writes a lossless image (png, tif, bmp by extension). */
	public static void write(Image8 img, Path file, boolean overwrite) {
		String fmt = formatOf(file);
		if (fmt.equals("jpg")) throw new IllegalArgumentException(file + ": write restored images losslessly (.png or .tif), not as JPEG");
		checkTarget(file, overwrite);
		writeAtomically(file, overwrite, tmp -> {
			if (!ImageIO.write(ImageConvert.toBuffered(img), fmt.equals("tif") ? "tiff" : fmt, tmp.toFile()))
				throw new IOException("no ImageIO writer for " + fmt);
		});
	}

	public static void writeBytes(byte[] bytes, Path file, boolean overwrite) {
		checkTarget(file, overwrite);
		writeAtomically(file, overwrite, tmp -> Files.write(tmp, bytes));
	}

	/** Refuses an existing output (unless overwrite), a missing or unwritable folder, before any work is done. */
	public static void checkTarget(Path file, boolean overwrite) {
		if (Files.isDirectory(file)) throw new IllegalArgumentException(file + ": is a folder");
		if (file.getFileName() != null && file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255)
			throw new IllegalArgumentException(file.getFileName().toString().substring(0, 40) + "...: the output name is longer than 255 bytes, more than file systems take");
		if (Files.exists(file) && !overwrite) throw new io.github.jpegrestore.spec.OutputExists(file);
		Path dir = file.toAbsolutePath().getParent();
		if (dir != null && !Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": no such folder");
		if (dir != null && !Files.isWritable(dir)) throw new JpegRestoreException(file + ": cannot write: folder " + dir + " is not writable");
	}

	/**
	 * Refuses an output that is the input file itself (the same path, or a link to it), whatever
	 * --overwrite says: the input is never modified.
	 */
	public static void checkNotInput(Path in, Path out) {
		boolean same;
		try {
			same = Files.exists(out) && Files.exists(in) ? Files.isSameFile(in, out)
				: in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
		} catch (IOException e) {
			same = false;
		}
		if (same) throw new IllegalArgumentException(out + ": is the input file; the input is never overwritten, give the output another name");
	}

	/** Temporary files being written; deleted by a shutdown hook if the JVM is stopped (Ctrl-C, SIGTERM) mid-write. */
	private static final java.util.Set<Path> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Set when the JVM is stopping: no temporary file is put into place or started after it. */
	private static volatile boolean stopping;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopping = true;
			// a writer may be inside ImageIO (re)creating its file: it stops at its next check and deletes
			// its own file; delete meanwhile, until none is in flight (at most 2 s)
			long until = System.currentTimeMillis() + 2000;
			do {
				for (Path p : IN_FLIGHT) {
					try {
						Files.deleteIfExists(p);
					} catch (IOException ignored) {
						// best effort at exit
					}
				}
				if (IN_FLIGHT.isEmpty()) break;
				try {
					Thread.sleep(50);
				} catch (InterruptedException e) {
					break;
				}
			} while (System.currentTimeMillis() < until);
		}, "jpeg-restore-partial-files"));
	}

	/** Writes the content of a file to the temporary path it is given. */
	public interface Writer {
		void write(Path tmp) throws IOException;
	}

	/**
	 * Writes through a hidden temporary file beside the target (created with the umask's permissions,
	 * like any file the user writes), put into place when complete. Without overwrite the target is
	 * claimed atomically (a hard link, which fails if the name exists), so two runs racing to one
	 * output cannot replace each other's result; where the file system has no hard links, a move
	 * that refuses an existing target.
	 */
	public static void writeAtomically(Path file, boolean overwrite, Writer w) {
		Path dir = file.toAbsolutePath().getParent();
		Path tmp = null;
		try {
			// short and of its own: an output name of 255 bytes (the usual limit) must still leave room for it
			tmp = dir.resolve(".jpeg-restore-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".part");
			IN_FLIGHT.add(tmp);
			if (stopping) throw new IOException("the process is ending; nothing was written");
			Files.createFile(tmp);
			w.write(tmp);
			if (stopping) throw new IOException("the process is ending; nothing was written");
			if (overwrite) Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			else {
				try {
					Files.createLink(file, tmp);
					Files.delete(tmp);
				} catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
					if (e instanceof FileAlreadyExistsException || e instanceof AccessDeniedException) throw e;
					Files.move(tmp, file); // no REPLACE_EXISTING: refuses an existing target
				}
			}
			IN_FLIGHT.remove(tmp);
			tmp = null;
		} catch (FileAlreadyExistsException e) {
			throw new io.github.jpegrestore.spec.OutputExists(file);
		} catch (AccessDeniedException e) {
			throw new JpegRestoreException(file + ": cannot write: permission denied in " + dir);
		} catch (IOException e) {
			String why = JpegCodec.oneLine(e);
			if (tmp != null) why = why.replace(tmp.toString(), "").replaceAll("^[:\\s]+", "");
			throw new JpegRestoreException(file + ": cannot write: " + (why.isEmpty() ? e.getClass().getSimpleName() : why));
		} finally {
			if (tmp != null) {
				try {
					Files.deleteIfExists(tmp);
				} catch (IOException ignored) {
					// best effort: the temporary file is hidden and named after the target
				}
				IN_FLIGHT.remove(tmp);
			}
		}
	}
}
