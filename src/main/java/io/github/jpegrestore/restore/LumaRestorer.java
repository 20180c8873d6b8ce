package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Sessions;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.inference.TorchModel;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegException;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.YCbCr;

/**
 * The luma restorer: 8-bit gray in, 8-bit gray out; RGB in, Y restored and Cb/Cr kept, RGB out.
 * Tiled (any size), with the optional quantization constraint. Thread-safe: the loaded model is
 * shared and serialises its calls; all other state is per call.
 */
public final class LumaRestorer implements Restorer {
	/** Native memory per tile pixel assumed when choosing a tile size (activations of the largest level, generously). */
	static final long BYTES_PER_PIXEL = 1024;

	private final ModelCard card;
	private final DeviceChoice device;
	private final int tile;
	private boolean constrain;
	private TorchModel model;

	/** @param tile tile core size in pixels, 0 for a size chosen from the free memory */
	public LumaRestorer(ModelCard card, DeviceChoice device, int tile) {
		if (!card.task.equals("luma")) throw new IllegalArgumentException("model '" + card.name + "' is a " + card.task + " model, not a luma model");
		if (tile < 0) throw new IllegalArgumentException("tile must be positive (or 0 for automatic), got " + tile);
		this.card = card;
		this.device = device;
		this.tile = tile;
	}

	public LumaRestorer constrain(boolean c) {
		this.constrain = c;
		return this;
	}

	public ModelCard card() {
		return card;
	}

	/** The loaded model (loads it on first use). */
	public synchronized TorchModel model() {
		if (model == null) model = Sessions.get(card, device);
		return model;
	}

	public Tiler newTiler() {
		int t = tile > 0 ? tile : Tiler.autoTile(card.halo, BYTES_PER_PIXEL, card.sizeMultiple);
		return new Tiler(t, card.halo, card.sizeMultiple, 1, 1);
	}

	@Override
	public String name() {
		return constrain ? card.name + "+qc" : card.name;
	}

	/** Benchmark entry: QF and table from the file's DQT. */
	@Override
	public Image8 restore(byte[] jpeg, Image8 decoded) {
		JpegInfo info = JpegInfo.parse(jpeg);
		return restore(decoded, info.lumaQuality().qf, constrain ? info.tableOf(0) : null, newTiler(), Progress.NONE, 0, -1);
	}

	/**
	 * Restores one plane (gray or RGB). {@code table}: the file's luma table to apply the
	 * quantization constraint with, or null for none. Progress counts tiles from {@code doneBefore}.
	 * After an out-of-memory error from the engine the tile is halved and the plane restarted.
	 */
	public Image8 restore(Image8 img, int qf, int[] table, Tiler tiler, Progress progress, long doneBefore, long total) {
		TorchModel m = model();
		float q = qf / 100f;
		Tiler.Net net = (in, c, w, h) -> m.run(in, new long[] { 1, c, h, w }, new float[] { q }).image;
		return restoreWithRetry(img, table, tiler, net, progress, doneBefore, total);
	}

	/** {@link #restoreWith}, restarted with half the tile after an out-of-memory error. */
	static Image8 restoreWithRetry(Image8 img, int[] table, Tiler tiler, Tiler.Net net, Progress progress, long doneBefore, long total) {
		while (true) {
			try {
				return restoreWith(img, table, tiler, net, progress, doneBefore, total < 0 ? doneBefore + tiler.tileCount(img.width, img.height) : total);
			} catch (JpegException e) {
				if (!isOutOfMemory(e) || !tiler.halveTile()) throw e;
			}
		}
	}

	static boolean isOutOfMemory(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
			if (m.contains("out of memory") || m.contains("can't allocate") || m.contains("bad_alloc")) return true;
		}
		return false;
	}

	static Image8 restoreWith(Image8 img, int[] table, Tiler tiler, Tiler.Net net, Progress progress, long doneBefore, long total) {
		int w = img.width, h = img.height;
		Image8 out = new Image8(w, h, img.channels);
		Tiler.Source src;
		Tiler.Sink sink;
		if (img.channels == 1) {
			byte[] d = img.data, o = out.data;
			src = (c, x, y) -> (d[y * w + x] & 0xff) / 255f;
			sink = (c, x, y, v) -> o[y * w + x] = (byte) Image8.clamp255(v * 255.0);
		} else {
			byte[] d = img.data, o = out.data;
			src = (c, x, y) -> {
				int i = 3 * (y * w + x);
				return (float) (YCbCr.y(d[i] & 0xff, d[i + 1] & 0xff, d[i + 2] & 0xff) / 255.0);
			};
			sink = (c, x, y, v) -> {
				int i = 3 * (y * w + x);
				int r = d[i] & 0xff, g = d[i + 1] & 0xff, b = d[i + 2] & 0xff;
				YCbCr.toRgb(v * 255.0, YCbCr.cb(r, g, b), YCbCr.cr(r, g, b), o, i);
			};
		}
		Tiler.CoreFilter filter = table == null ? null : new QuantConstraint(src, table, w, h);
		tiler.run(w, h, src, sink, net, filter, progress, doneBefore, total);
		return out;
	}

	/** Convenience for tests and the command line: compress-free restore of a decoded image at a QF. */
	public Image8 restore(Image8 img, int qf) {
		return restore(img, qf, null, newTiler(), Progress.NONE, 0, -1);
	}
}
