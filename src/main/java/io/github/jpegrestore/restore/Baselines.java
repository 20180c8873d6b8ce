package io.github.jpegrestore.restore;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.JpegRestoreException;

/** The references every restorer is measured against. */
public final class Baselines {
	private Baselines() {}

	/** The unrestored JPEG. */
	public static Restorer jpeg() {
		return new Restorer() {
			@Override
			public String name() {
				return "jpeg";
			}

			@Override
			public Restored restore(Input in, Progress progress) {
				progress.update(1, 1);
				return Restored.plain(in.image);
			}
		};
	}

	/** Where the jpegqs program is, or null. */
	public static Path findJpegqs() {
		String path = System.getenv("PATH");
		if (path == null) return null;
		for (String d : path.split(File.pathSeparator)) {
			Path p = Path.of(d, "jpegqs");
			if (Files.isExecutable(p)) return p;
		}
		return null;
	}

	/**
	 * JPEG Quant Smooth (Ilya Kurdyukov; Debian package jpegqs) run on the file at its default
	 * settings: a classical, model-free reference that smooths within the quantization bins.
	 */
	public static Restorer jpegqs() {
		Path exe = findJpegqs();
		if (exe == null) throw new IllegalArgumentException("jpegqs is not installed (Debian: apt-get install jpegqs)");
		return new Restorer() {
			@Override
			public String name() {
				return "jpegqs";
			}

			@Override
			public Restored restore(Input input, Progress progress) {
				if (input.file == null) throw new IllegalArgumentException("jpegqs works on JPEG files; this image did not come from one");
				byte[] jpeg = input.file;
				Path in = null, out = null;
				try {
					in = Files.createTempFile("jpegqs-in", ".jpg");
					out = Files.createTempFile("jpegqs-out", ".jpg");
					Files.write(in, jpeg);
					Process p = new ProcessBuilder(exe.toString(), "--info", "0", "--threads", "1", in.toString(), out.toString())
						.redirectErrorStream(true).start();
					byte[] log = p.getInputStream().readAllBytes();
					if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0)
						throw new JpegRestoreException("jpegqs failed: " + new String(log, StandardCharsets.UTF_8).trim());
					Image8 restored = JpegCodec.decode(Files.readAllBytes(out));
					progress.update(1, 1);
					return Restored.plain(restored);
				} catch (IOException e) {
					throw new JpegRestoreException("jpegqs failed: " + e.getMessage(), e);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new JpegRestoreException("jpegqs interrupted");
				} finally {
					try {
						if (in != null) Files.deleteIfExists(in);
						if (out != null) Files.deleteIfExists(out);
					} catch (IOException ignored) {
						// temporary files only
					}
				}
			}
		};
	}
}
