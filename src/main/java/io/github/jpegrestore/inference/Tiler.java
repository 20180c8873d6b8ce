package io.github.jpegrestore.inference;

import java.lang.management.ManagementFactory;

/**
 * Runs a fully convolutional model over an image of any size in tiles. The image is extended to a
 * multiple of the model's size multiple by edge replication (right and bottom) and cropped back;
 * tile cores start on that multiple (so the model's 8x8/16x16 grid stays the JPEG grid), and each
 * core is computed from an input extended by the halo (at least the model's receptive-field
 * radius), so the tiled result equals the untiled one up to float rounding.
 * Pixels are read from a {@link Source} and written to a {@link Sink}, so no float copy of the
 * whole image is ever made.
 */
public final class Tiler {
	/** Input pixels, value of channel c at (x, y) with 0 <= x < width, 0 <= y < height, in [0, 1]. */
	public interface Source {
		float get(int c, int x, int y);
	}

	/** Output pixels, called once per output channel and pixel of the image. */
	public interface Sink {
		void set(int c, int x, int y, float v);
	}

	/** The network: input [inChannels][h][w] flattened, returns [outChannels][h][w] flattened. */
	public interface Net {
		float[] run(float[] input, int channels, int w, int h);
	}

	/** A network that gives one value per tile (the blind model's QF prediction). */
	public interface Predictor {
		float run(float[] input, int channels, int w, int h);
	}

	/** Called with each tile's output core before it goes to the sink (e.g. a DCT-domain constraint). */
	public interface CoreFilter {
		void apply(float[] out, int outChannels, int tileW, int tileH, int coreX0, int coreY0, int coreW, int coreH, int originX, int originY);
	}

	public final int multiple, halo, inChannels, outChannels;
	/** Tile core size (multiple of {@link #multiple}); changed by {@link #halveTile()} after running out of memory. */
	private int tile;

	public Tiler(int tile, int halo, int multiple, int inChannels, int outChannels) {
		// the user's tile is checked where it is given (restore.RestoreOptions.checkTile); these are the tiler's own invariants
		if (multiple <= 0 || halo < 0 || tile <= 0) throw new IllegalArgumentException("bad tiling geometry");
		this.multiple = multiple;
		this.halo = roundUp(halo, multiple);
		this.inChannels = inChannels;
		this.outChannels = outChannels;
		this.tile = roundUp(tile, multiple);
	}

	public int tile() {
		return tile;
	}

	/** Halves the tile core (not below 4 multiples); false when it cannot shrink any more. */
	public boolean halveTile() {
		int t = Math.max(4 * multiple, roundUp(tile / 2, multiple));
		if (t >= tile) return false;
		tile = t;
		return true;
	}

	public static int roundUp(int v, int m) {
		return ((v + m - 1) / m) * m;
	}

	/**
	 * A tile core size for the memory available: {@code bytesPerPixel} of native memory per input
	 * pixel of a tile, a quarter of the free physical memory (at most 2 GiB), between 128 and 512.
	 * Larger tiles waste less on overlap but run slower per pixel on a CPU (caches): on the build
	 * machine the luma model restored a 2048x2048 image at 0.49-0.55 MP/s with 512, 0.37-0.43 with 1024.
	 */
	public static int autoTile(int halo, long bytesPerPixel, int multiple) {
		long free = 2L << 30;
		try {
			java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
			if (os instanceof com.sun.management.OperatingSystemMXBean)
				free = ((com.sun.management.OperatingSystemMXBean) os).getFreePhysicalMemorySize();
		} catch (RuntimeException | LinkageError ignored) {
			// keep the default
		}
		long budget = Math.min(2L << 30, free / 4);
		int side = (int) Math.sqrt(budget / (double) bytesPerPixel) - 2 * halo;
		side = Math.max(128, Math.min(512, side));
		return (side / multiple) * multiple;
	}

	/**
	 * Tile core width and height for a padded pw x ph image: square tiles of the tile size, except
	 * that an image thinner than a tile gets tiles as long as the same area allows (a 65536 x 8 strip
	 * in 64 tiles of 1024 x 16 rather than 128 of 512 x 16, each mostly halo).
	 */
	int[] coreSize(int pw, int ph) {
		long area = (long) tile * tile;
		if (ph < tile) return new int[] { (int) Math.min(pw, Math.max(tile, area / ph / multiple * multiple)), ph };
		if (pw < tile) return new int[] { pw, (int) Math.min(ph, Math.max(tile, area / pw / multiple * multiple)) };
		return new int[] { tile, tile };
	}

	/** Number of tiles for a width x height image at the current tile size. */
	public long tileCount(int width, int height) {
		int pw = roundUp(width, multiple), ph = roundUp(height, multiple);
		int[] c = coreSize(pw, ph);
		return (long) ((pw + c[0] - 1) / c[0]) * ((ph + c[1] - 1) / c[1]);
	}

	/** Runs the net over the image; {@code progress} gets one unit per tile. */
	public void run(int width, int height, Source src, Sink sink, Net net, CoreFilter filter, Progress progress) {
		int pw = roundUp(width, multiple), ph = roundUp(height, multiple);
		int[] core = coreSize(pw, ph);
		long total = tileCount(width, height), done = 0;
		for (int cy = 0; cy < ph; cy += core[1])
			for (int cx = 0; cx < pw; cx += core[0]) {
				progress.checkCanceled();
				int cw = Math.min(core[0], pw - cx), ch = Math.min(core[1], ph - cy);
				int x0 = Math.max(0, cx - halo), y0 = Math.max(0, cy - halo);
				int x1 = Math.min(pw, cx + cw + halo), y1 = Math.min(ph, cy + ch + halo);
				int tw = x1 - x0, th = y1 - y0;
				float[] in = read(src, width, height, x0, y0, tw, th);
				float[] out = net.run(in, inChannels, tw, th);
				if (out.length != outChannels * tw * th) throw new IllegalStateException("model returned " + out.length + " values for a " + tw + "x" + th + " tile");
				if (filter != null) filter.apply(out, outChannels, tw, th, cx - x0, cy - y0, cw, ch, x0, y0);
				int ex = Math.min(cx + cw, width), ey = Math.min(cy + ch, height);
				for (int c = 0; c < outChannels; c++)
					for (int y = cy; y < ey; y++) {
						int base = (c * th + (y - y0)) * tw - x0;
						for (int x = cx; x < ex; x++) sink.set(c, x, y, out[base + x]);
					}
				progress.update(++done, total);
			}
	}

	/** The input of a tile: channels x th x tw from (x0, y0), edge-replicated beyond the image. */
	private float[] read(Source src, int width, int height, int x0, int y0, int tw, int th) {
		float[] in = new float[inChannels * tw * th];
		for (int c = 0; c < inChannels; c++)
			for (int y = 0; y < th; y++) {
				int sy = Math.min(height - 1, y0 + y);
				int base = (c * th + y) * tw;
				for (int x = 0; x < tw; x++) in[base + x] = src.get(c, Math.min(width - 1, x0 + x), sy);
			}
		return in;
	}

	/**
	 * One value for the whole image from a per-tile predictor: the tiles are the cores of
	 * {@link #run} without halo (a prediction pools over its input, it needs no context), and
	 * their values are averaged weighted by the image pixels each covers. An image up to the tile
	 * size is one call, as in training's evaluation.
	 */
	public double pool(int width, int height, Source src, Predictor net, Progress progress) {
		int pw = roundUp(width, multiple), ph = roundUp(height, multiple);
		int[] core = coreSize(pw, ph);
		long total = tileCount(width, height), done = 0;
		double sum = 0;
		for (int cy = 0; cy < ph; cy += core[1])
			for (int cx = 0; cx < pw; cx += core[0]) {
				progress.checkCanceled();
				int cw = Math.min(core[0], pw - cx), ch = Math.min(core[1], ph - cy);
				double v = net.run(read(src, width, height, cx, cy, cw, ch), inChannels, cw, ch);
				sum += v * (Math.min(cx + cw, width) - cx) * (double) (Math.min(cy + ch, height) - cy);
				progress.update(++done, total);
			}
		return sum / ((double) width * height);
	}
}
