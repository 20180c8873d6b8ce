package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.ModelTask;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.YCbCr;

/**
 * The luma restorer: 8-bit gray in, 8-bit gray out; RGB in, JFIF Y restored and Cb/Cr kept, RGB
 * out. Tiled (any size), with the optional quantization constraint on Y. Also the first pass of
 * the color restorer ({@link #restoreY}). Runs luma models and blind models alike: a blind model
 * also predicts the QF from the pixels, once for the whole image ({@link QfChoice}: qf=predicted,
 * and qf=auto on an image without a JPEG file), and then restores every tile under that QF.
 * <p>
 * A blind model is never worse than its luma model: when the JPEG file gives the QF (its table,
 * or a double JPEG's earlier, stronger compression found on a shifted grid), the luma model the
 * blind card names ({@code guide}) restores (a blind model trained with its own restorer was
 * 0.12-0.14 dB below luma under the same QF: BENCHMARKS.md, "Blind routing"); such a blind network
 * restores under its own prediction, and under a QF the user gives. The shipped blind model only
 * predicts ({@link ModelCard#predictorOnly}; trained with luma's restorer frozen, training/README.md
 * --head-only): its luma model restores under every QF.
 */
public final class LumaRestorer implements Restorer {
	private final TiledModel net;
	private final RestoreOptions options;
	/** A blind model's luma model, loaded when a JPEG file first gives the QF. */
	private TiledModel known;
	/** -Djpegrestore.blind.route=false: the blind network restores under the file's QF too (to measure it). */
	static final boolean ROUTE = !"false".equals(System.getProperty("jpegrestore.blind.route"));

	LumaRestorer(ModelCard card, RestoreOptions options) {
		this(new TiledModel(card, options, 1, 1), options);
	}

	LumaRestorer(TiledModel net, RestoreOptions options) {
		if (net.card.task != ModelTask.LUMA && !blind(net.card))
			throw new IllegalArgumentException("model '" + net.card.name + "' is a " + net.card.task + " model, not a luma or blind model");
		if (options.qf.mode == QfChoice.Mode.PREDICTED && !blind(net.card))
			throw new IllegalArgumentException("qf=predicted needs a blind model (model blind); '" + net.card.name + "' is a " + net.card.task + " model and takes the QF it is given");
		this.net = net;
		this.options = options;
	}

	public ModelCard card() {
		return net.card;
	}

	@Override
	public String name() {
		return net.card.name + options.nameSuffix();
	}

	/** The device line of the network that restores (a predictor-only blind model's luma model). */
	@Override
	public String device() {
		return (net.card.predictorOnly ? knownQfModel() : net).model().describe();
	}

	static boolean blind(ModelCard card) {
		return card.task == ModelTask.BLIND;
	}

	/**
	 * The QF (and table) for an input under these options; the constraint's preconditions checked.
	 * A blind model's prediction, when it is asked for, runs here and moves {@code progress}.
	 */
	QfChoice.Resolved resolve(Input in, Progress progress) {
		options.validate(in.jpeg);
		QfChoice.Predictor predictor = blind(net.card) ? g -> net.predictQf(in.image.width, in.image.height, g, luma(in.image), progress) : null;
		QfChoice.Resolved q = options.qf.resolve(in.jpeg, in.image, predictor);
		return options.constrain ? q.onOwnGrid() : q;
	}

	/** Share of a blind restore's work that the QF prediction takes (by FLOPs), 0 for a luma model. */
	double predictionShare() {
		long p = net.card.qfPredictorFlopsPerPixel;
		return p / (double) (p + flopsPerPixel());
	}

	@Override
	public Restored restore(Input in, Progress progress) {
		double share = predictionShare();
		QfChoice.Resolved q = resolve(in, progress.span(0, share));
		Progress rest = q.source == QfSource.PREDICTED ? progress.span(share, 1) : progress;
		Image8 img = in.image, out = new Image8(img.width, img.height, img.channels);
		int w = img.width;
		byte[] d = img.data, o = out.data;
		Tiler.Sink sink;
		if (img.channels == 1) sink = (c, x, y, v) -> o[y * w + x] = (byte) Image8.clamp255(v * 255.0);
		else sink = (c, x, y, v) -> {
			int i = 3 * (y * w + x);
			int r = d[i] & 0xff, g = d[i + 1] & 0xff, b = d[i + 2] & 0xff;
			YCbCr.toRgb(Image8.clip01(v) * 255.0, YCbCr.cb(r, g, b), YCbCr.cr(r, g, b), o, i);
		};
		restoreY(img, q, sink, rest);
		return new Restored(out, q.qf, q.source, routedNote(q));
	}

	/** JFIF Y of a gray or RGB image in [0, 1], unrounded. */
	static Tiler.Source luma(Image8 img) {
		int w = img.width;
		byte[] d = img.data;
		if (img.channels == 1) return (c, x, y) -> (d[y * w + x] & 0xff) / 255f;
		return (c, x, y) -> {
			int i = 3 * (y * w + x);
			return (float) (YCbCr.y(d[i] & 0xff, d[i + 1] & 0xff, d[i + 2] & 0xff) / 255.0);
		};
	}

	/**
	 * Restores the Y of {@code img} under {@code q} (its QF, on its grid), handing the restored Y
	 * (in [0, 1], not clipped) to {@code sink}; with the quantization constraint (the file's table,
	 * and {@link #resolve} then keeps the file's grid); four times and averaged with the ensemble
	 * option.
	 */
	void restoreY(Image8 img, QfChoice.Resolved q, Tiler.Sink sink, Progress progress) {
		TiledModel restorer = routed(q) || net.card.predictorOnly ? knownQfModel() : net;
		Tiler.Source src = luma(img);
		Tiler.CoreFilter filter = options.constrain ? new QuantConstraint(src, q.lumaTable, img.width, img.height) : null;
		QfChoice.Grid grid = new QfChoice.Grid(q.gridX, q.gridY);
		if (options.ensemble) FlipEnsemble.run(restorer, img.width, img.height, grid, src, sink, q.qf, filter, progress);
		else restorer.run(img.width, img.height, grid, src, sink, q.qf, filter, progress);
	}

	/** The note of a result, which says when a blind model's luma model restored. */
	String routedNote(QfChoice.Resolved q) {
		if (!routed(q)) return q.note();
		String r = "the file gives the QF: restored by the blind model's luma model '" + knownQfModel().card.name + "'";
		return q.note().isEmpty() ? r : q.note() + "; " + r;
	}

	/** Whether a blind model hands this QF to its luma model: the JPEG file gave it. */
	boolean routed(QfChoice.Resolved q) {
		return ROUTE && blind(net.card) && q.source.fromFile();
	}

	private synchronized TiledModel knownQfModel() {
		if (known == null) {
			ModelCard luma = ModelStore.guideOf(net.card, null);
			if (luma.task != ModelTask.LUMA)
				throw new io.github.jpegrestore.JpegRestoreException("blind model '" + net.card.name + "' names '" + luma.name + "' as its luma model, which is a " + luma.task + " model");
			known = new TiledModel(luma, options, 1, 1);
		}
		return known;
	}

	/** FLOPs per pixel of the network, to share one progress bar between passes. */
	long flopsPerPixel() {
		return Math.max(1, net.card.flopsPerPixel);
	}
}
