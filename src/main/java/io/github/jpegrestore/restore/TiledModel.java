package io.github.jpegrestore.restore;

import java.util.Locale;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Sessions;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.inference.TorchModel;

/**
 * One network of a restorer: its card, the loaded model (on first use), and tiled runs over a whole
 * plane with the halo and size multiple of the card. After an out-of-memory error from the engine
 * the tile is halved and the plane redone (the sink is simply written again).
 */
class TiledModel {
	/** Native memory per tile pixel assumed when choosing a tile size (activations of the largest level, generously). */
	static final long BYTES_PER_PIXEL = 1024;

	final ModelCard card;
	private final DeviceChoice device;
	private final int tile;
	private final int inChannels, outChannels;
	private TorchModel model;

	TiledModel(ModelCard card, DeviceChoice device, int tile, int inChannels, int outChannels) {
		if (tile < 0) throw new IllegalArgumentException("tile must be positive (or 0 for automatic), got " + tile);
		this.card = card;
		this.device = device;
		this.tile = tile;
		this.inChannels = inChannels;
		this.outChannels = outChannels;
	}

	synchronized TorchModel model() {
		if (model == null) model = Sessions.get(card, device);
		return model;
	}

	Tiler newTiler() {
		int t = tile > 0 ? tile : Tiler.autoTile(card.halo, BYTES_PER_PIXEL, card.sizeMultiple);
		return new Tiler(t, card.halo, card.sizeMultiple, inChannels, outChannels);
	}

	/** The network at QF {@code qf} as the tiler calls it. */
	Tiler.Net net(int qf) {
		TorchModel m = model();
		float q = qf / 100f;
		return (in, c, w, h) -> m.run(in, new long[] { 1, c, h, w }, new float[] { q }).image;
	}

	/** The tile core size of the last run (after any halving), for the log. */
	volatile int lastTile;

	/** Runs the network over a width x height plane at QF {@code qf}. */
	void run(int width, int height, Tiler.Source src, Tiler.Sink sink, int qf, Tiler.CoreFilter filter, Progress progress) {
		Tiler.Net net = net(qf);
		Tiler tiler = newTiler();
		while (true) {
			try {
				lastTile = tiler.tile();
				tiler.run(width, height, src, sink, net, filter, progress);
				return;
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
