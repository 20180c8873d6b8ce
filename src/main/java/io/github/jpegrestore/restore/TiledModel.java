package io.github.jpegrestore.restore;

import java.util.Locale;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Sessions;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.inference.TorchModel;

/**
 * One network of a restorer: its card, the loaded model (on first use), and tiled runs over a whole
 * plane with the tiling halo and size multiple of the card. After an out-of-memory error from the engine
 * the tile is halved and the plane redone (the sink is simply written again).
 */
class TiledModel {
	/** Native memory per tile pixel assumed when choosing a tile size (activations of the largest level, generously). */
	static final long BYTES_PER_PIXEL = 1024;

	final ModelCard card;
	private final DeviceChoice device;
	private final Precision precision;
	private final int tile;
	private final int inChannels, outChannels;
	private TorchModel model;

	TiledModel(ModelCard card, DeviceChoice device, int tile, int inChannels, int outChannels) {
		this(card, device, Precision.FP32, tile, inChannels, outChannels);
	}

	TiledModel(ModelCard card, RestoreOptions o, int inChannels, int outChannels) {
		this(card, o.device, o.precision, o.tile, inChannels, outChannels);
	}

	/** {@code tile}: a core size, or 0 for one from the free memory (a user's value is checked by {@link RestoreOptions#tile}). */
	TiledModel(ModelCard card, DeviceChoice device, Precision precision, int tile, int inChannels, int outChannels) {
		this.card = card;
		this.device = device;
		this.precision = precision;
		this.tile = tile;
		this.inChannels = inChannels;
		this.outChannels = outChannels;
	}

	synchronized TorchModel model() {
		if (model == null) model = Sessions.get(card, device, precision);
		return model;
	}

	Tiler newTiler() {
		int t = tile > 0 ? tile : Tiler.autoTile(card.tileHalo, BYTES_PER_PIXEL, card.sizeMultiple);
		return new Tiler(t, card.tileHalo, card.sizeMultiple, inChannels, outChannels);
	}

	/** The network at QF {@code qf} as the tiler calls it. */
	Tiler.Net net(int qf) {
		TorchModel m = model();
		float q = qf / 100f;
		return (in, c, w, h) -> m.run(in, new long[] { 1, c, h, w }, new float[] { q }).image;
	}

	/** The tile core size of the last run (after any halving), for the log. */
	volatile int lastTile;

	/** Runs the network over a width x height plane at QF {@code qf}, on the plane's own 8x8 grid. */
	void run(int width, int height, Tiler.Source src, Tiler.Sink sink, int qf, Tiler.CoreFilter filter, Progress progress) {
		run(width, height, QfChoice.Grid.ORIGIN, src, sink, qf, filter, progress);
	}

	/**
	 * Runs the network over a width x height plane at QF {@code qf} on the 8x8 grid whose blocks
	 * start at {@code grid}: the plane is seen extended on the left and top by mirroring, so that
	 * those blocks fall on the network's own grid. A core filter (the quantization constraint)
	 * works on the file's grid and needs {@link QfChoice.Grid#ORIGIN}.
	 */
	void run(int width, int height, QfChoice.Grid grid, Tiler.Source src, Tiler.Sink sink, int qf, Tiler.CoreFilter filter, Progress progress) {
		int px = pad(grid.x), py = pad(grid.y);
		if (filter != null && (px | py) != 0) throw new IllegalArgumentException("the quantization constraint works on the file's own grid");
		Tiler.Net net = net(qf);
		Tiler.Source s = shifted(src, px, py, width, height);
		Tiler.Sink k = (px | py) == 0 ? sink : (c, x, y, v) -> {
			if (x >= px && y >= py) sink.set(c, x - px, y - py, v);
		};
		withTiler(t -> {
			t.run(width + px, height + py, s, k, net, filter, progress);
			return null;
		});
	}

	/** Columns (rows) to add before a plane whose blocks start at {@code origin} so they start at 0. */
	static int pad(int origin) {
		return (8 - origin) % 8;
	}

	/** The source seen extended by px columns on the left and py rows on the top, mirrored (without repeating the edge). */
	static Tiler.Source shifted(Tiler.Source src, int px, int py, int width, int height) {
		if ((px | py) == 0) return src;
		return (c, x, y) -> src.get(c, mirror(x - px, width), mirror(y - py, height));
	}

	private static int mirror(int v, int size) {
		return v >= 0 ? v : Math.min(-v, size - 1);
	}

	/** The blind model's predict-only call (a negative QF) as the tiler calls it: QF / 100 of one tile. */
	Tiler.Predictor predictor() {
		TorchModel m = model();
		return (in, c, w, h) -> {
			TorchModel.Output o = m.run(in, new long[] { 1, c, h, w }, new float[] { -1f });
			if (o.qf == null || o.qf.length == 0) throw new JpegRestoreException("model '" + card.name + "' gives no QF prediction");
			return o.qf[0];
		};
	}

	/**
	 * One QF (1..100) for a whole width x height plane, seen on the given grid as {@link #run} sees
	 * it: the tiles' predictions pooled ({@link Tiler#pool}).
	 */
	int predictQf(int width, int height, QfChoice.Grid grid, Tiler.Source src, Progress progress) {
		Tiler.Predictor p = predictor();
		int px = pad(grid.x), py = pad(grid.y);
		Tiler.Source s = shifted(src, px, py, width, height);
		double v = withTiler(t -> t.pool(width + px, height + py, s, p, progress));
		return (int) Math.max(1, Math.min(100, Math.round(v * 100)));
	}

	/** Runs a tiled pass; after an out-of-memory error from the engine, halves the tile and runs it again. */
	private <T> T withTiler(java.util.function.Function<Tiler, T> pass) {
		Tiler tiler = newTiler();
		while (true) {
			try {
				lastTile = tiler.tile();
				return pass.apply(tiler);
			} catch (JpegRestoreException e) {
				if (!isOutOfMemory(e) || !tiler.halveTile()) throw e;
			}
		}
	}

	static boolean isOutOfMemory(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
			if (m.contains("out of memory") || m.contains("can't allocate") || m.contains("bad_alloc")) return true;
		}
		return false;
	}
}
