package io.github.jpegrestore.ij;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.io.FileInfo;
import io.github.jpegrestore.jpeg.JpegInfo;

/** The JPEG file an ImagePlus was opened from, when there is one and it still matches the image. */
public final class JpegOrigin {
	private JpegOrigin() {}

	/**
	 * Refuses an image opened from a damaged JPEG file (ImageJ's opener shows a truncated file with
	 * its missing part gray; restoring that would be a lie). Call when {@link #of} found the file.
	 */
	public static void requireIntact(ImagePlus imp) {
		FileInfo fi = imp.getOriginalFileInfo();
		Path p = fi.directory == null ? Path.of(fi.fileName) : Path.of(fi.directory, fi.fileName);
		try {
			io.github.jpegrestore.jpeg.JpegCodec.decode(Files.readAllBytes(p));
		} catch (java.io.IOException e) {
			throw new io.github.jpegrestore.JpegRestoreException(p.getFileName() + ": cannot read: " + e.getMessage());
		} catch (io.github.jpegrestore.JpegRestoreException e) {
			throw new io.github.jpegrestore.JpegRestoreException(p.getFileName() + ": " + e.getMessage());
		}
	}

	/** The file's headers, or null when the image did not come from a JPEG (or was resized since). */
	public static JpegInfo of(ImagePlus imp) {
		FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null) return null;
		Path p = fi.directory == null ? Path.of(fi.fileName) : Path.of(fi.directory, fi.fileName);
		try {
			if (!Files.isRegularFile(p) || Files.size(p) > (1L << 31)) return null;
			byte[] b = Files.readAllBytes(p);
			if (!JpegInfo.isJpeg(b)) return null;
			JpegInfo info = JpegInfo.parse(b);
			if (info.width != imp.getWidth() || info.height != imp.getHeight()) return null;
			return info;
		} catch (Exception e) {
			return null;
		}
	}
}
