package io.github.jpegrestore.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.YCbCr;
import io.github.jpegrestore.restore.Benchmark;
import io.github.jpegrestore.restore.ChromaPlanes;

/**
 * The user's lossless images as the network to tune sees them (luma: JFIF Y, 8 bit; color: RGB),
 * split by file into a training part and a held-out part, and the patches and held-out crops made
 * from them.
 */
final class TrainingImages {
	/** One image file: its Y plane (luma) or RGB (color), and its sha256 (recorded in the card). */
	static final class Item {
		final Path file;
		final Image8 y;
		final String sha256;

		Item(Path file, Image8 y, String sha256) {
			this.file = file;
			this.y = y;
			this.sha256 = sha256;
		}
	}

	/** RGB images for a color model (gray files are skipped: they have no chroma to learn from). */
	final boolean color;

	final List<Item> train, heldOut;
	/** Files that could not be used ("name: reason"). */
	final List<String> skipped = new ArrayList<>();
	private final long trainArea;

	/**
	 * {@code data}: the images to train on; {@code validate}: a folder of held-out images, or null
	 * for a fifth of {@code data} (by the files' sha256, so the split does not depend on names).
	 */
	TrainingImages(Path data, Path validate, int minSide) {
		this(data, validate, minSide, false);
	}

	TrainingImages(Path data, Path validate, int minSide, boolean color) {
		this.color = color;
		List<Item> all = read(data, minSide);
		if (validate != null) {
			train = all;
			heldOut = read(validate, minSide);
		} else {
			if (all.size() < 2) throw new JpegRestoreException("fine-tune needs at least 2 usable images in " + data.getFileName() + " (a fifth is held out to check the result), found " + all.size());
			List<Item> sorted = new ArrayList<>(all);
			sorted.sort(Comparator.comparing(i -> i.sha256));
			int n = Math.max(1, Math.round(all.size() / 5f));
			heldOut = List.copyOf(sorted.subList(0, n));
			train = List.copyOf(sorted.subList(n, sorted.size()));
		}
		if (train.isEmpty()) throw new JpegRestoreException("no usable training image in " + data.getFileName());
		if (heldOut.isEmpty()) throw new JpegRestoreException("no usable held-out image in " + validate.getFileName());
		for (Item i : train)
			for (Item h : heldOut)
				if (i.sha256.equals(h.sha256)) throw new JpegRestoreException(h.file.getFileName() + " is both a training and a held-out image");
		long a = 0;
		for (Item i : train) a += (long) i.y.width * i.y.height;
		trainArea = a;
	}

	private List<Item> read(Path dir, int minSide) {
		List<Item> out = new ArrayList<>();
		for (Path f : Benchmark.images(dir)) {
			String name = f.getFileName().toString();
			try {
				byte[] b = ImageFiles.readBytes(f);
				if (JpegInfo.isJpeg(b)) {
					skipped.add(name + ": a JPEG (fine-tuning needs lossless originals; JPEGs go in --like)");
					continue;
				}
				Image8 im = ImageFiles.read(f);
				if (im.width < minSide || im.height < minSide) {
					skipped.add(name + ": smaller than " + minSide + " x " + minSide);
					continue;
				}
				if (color && im.channels != 3) {
					skipped.add(name + ": a gray image (a color model learns from RGB images)");
					continue;
				}
				out.add(new Item(f, color ? im : YCbCr.luma(im, false), ModelCard.sha256(f)));
			} catch (RuntimeException e) {
				skipped.add(name + ": " + e.getMessage());
			}
		}
		return out;
	}

	/**
	 * A batch of patches: clean Y ({@code y}), its JPEG ({@code x}) under a sampled compression,
	 * and QF / 100; patch origins on the 8x8 grid, each patch turned or mirrored one of 8 ways.
	 */
	void batch(Random r, Degradation deg, int patch, float[] x, float[] y, float[] qf) {
		int n = qf.length, pp = patch * patch;
		for (int b = 0; b < n; b++) {
			Item it = pick(r);
			int x0 = 8 * r.nextInt((it.y.width - patch) / 8 + 1), y0 = 8 * r.nextInt((it.y.height - patch) / 8 + 1);
			Image8 clean = dihedral(it.y.crop(x0, y0, patch, patch), r.nextInt(8));
			Degradation.Kind k = deg.sample(r);
			Image8 jpeg = JpegCodec.decode(JpegCodec.compress(clean, k.table, k.table, null));
			for (int i = 0; i < pp; i++) {
				x[b * pp + i] = (jpeg.data[i] & 0xff) / 255f;
				y[b * pp + i] = (clean.data[i] & 0xff) / 255f;
			}
			qf[b] = k.qf / 100f;
		}
	}

	/**
	 * A color batch (the chroma network's input as {@code ColorRestorer} builds it): the RGB patch
	 * compressed under the sampled compression (luma and chroma tables, subsampling), its Y restored
	 * by {@code guide} (the luma model the color model was trained behind) under the luma table's QF;
	 * {@code x} = [restored Y, decoded Cb, decoded Cr], {@code y} = the clean Cb, Cr (all / 255),
	 * planes per patch (N, C, H, W), {@code qf} the chroma table's QF / 100 (what the color network is told).
	 */
	void colorBatch(Random r, Degradation deg, int patch, io.github.jpegrestore.inference.TorchModel guide, float[] x, float[] y, float[] qf) {
		int n = qf.length, pp = patch * patch;
		float[] yj = new float[n * pp], lumaQf = new float[n];
		Image8[] jpegs = new Image8[n];
		for (int b = 0; b < n; b++) {
			Item it = pick(r);
			int x0 = 8 * r.nextInt((it.y.width - patch) / 8 + 1), y0 = 8 * r.nextInt((it.y.height - patch) / 8 + 1);
			Image8 clean = dihedral(it.y.crop(x0, y0, patch, patch), r.nextInt(8));
			Degradation.Kind k = deg.sample(r);
			jpegs[b] = JpegCodec.decode(JpegCodec.compress(clean, k.table, k.chromaTable, k.subsampling));
			luma01(jpegs[b], yj, b * pp);
			chroma01(jpegs[b], x, (3 * b + 1) * pp);
			chroma01(clean, y, 2 * b * pp);
			lumaQf[b] = k.qf / 100f;
			qf[b] = k.chromaQf / 100f;
		}
		float[] yr = guide.run(yj, new long[] { n, 1, patch, patch }, lumaQf).image;
		for (int b = 0; b < n; b++)
			for (int i = 0; i < pp; i++) x[3 * b * pp + i] = Image8.clip01(yr[b * pp + i]);
	}

	/** JFIF Y of an RGB image, rounded to 8 bit as the restorers see it, / 255, into {@code dst} from {@code at}. */
	static void luma01(Image8 rgb, float[] dst, int at) {
		byte[] y = YCbCr.luma(rgb, false).data;
		for (int i = 0; i < y.length; i++) dst[at + i] = (y[i] & 0xff) / 255f;
	}

	/** Cb then Cr of an RGB image as the color network sees them ({@link ChromaPlanes}): two planes into {@code dst} from {@code at}. */
	static void chroma01(Image8 rgb, float[] dst, int at) {
		int n = rgb.width * rgb.height;
		for (int i = 0; i < n; i++) {
			dst[at + i] = ChromaPlanes.chroma01(rgb.data, i, 1);
			dst[at + n + i] = ChromaPlanes.chroma01(rgb.data, i, 2);
		}
	}

	private Item pick(Random r) {
		long t = (long) (r.nextDouble() * trainArea);
		for (Item i : train) {
			t -= (long) i.y.width * i.y.height;
			if (t < 0) return i;
		}
		return train.get(train.size() - 1);
	}

	/** One of the 8 rotations/mirrors of a square image (gray or RGB). */
	static Image8 dihedral(Image8 im, int k) {
		if (k == 0) return im;
		int s = im.width, ch = im.channels;
		Image8 out = new Image8(s, s, ch);
		for (int yy = 0; yy < s; yy++)
			for (int xx = 0; xx < s; xx++) {
				int u = xx, v = yy;
				if ((k & 1) != 0) u = s - 1 - u;
				if ((k & 2) != 0) v = s - 1 - v;
				if ((k & 4) != 0) {
					int t = u;
					u = v;
					v = t;
				}
				System.arraycopy(im.data, (v * s + u) * ch, out.data, (yy * s + xx) * ch, ch);
			}
		return out;
	}

	/** The central crop of a held-out image that is measured: at most {@code side}, a multiple of {@code multiple}. */
	static Image8 crop(Image8 y, int side, int multiple) {
		int w = Math.min(side, y.width) / multiple * multiple, h = Math.min(side, y.height) / multiple * multiple;
		return y.crop((y.width - w) / 2 / 8 * 8, (y.height - h) / 2 / 8 * 8, w, h);
	}
}
