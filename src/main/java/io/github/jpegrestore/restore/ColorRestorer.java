package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.ModelTask;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.QuantTables;

/**
 * The full color pipeline (Zini et al., Ehrlich et al.): the luma restorer restores JFIF Y, then
 * the chroma network restores Cb and Cr from [restored Y, decoded Cb, decoded Cr], conditioned on
 * the QF of the chroma quantization table. Works for 4:2:0 and 4:4:4 files alike (the network sees
 * the decoded, upsampled chroma). The quantization constraint and the flip ensemble, when asked
 * for, apply to Y (the chroma network runs once). A gray
 * image gets the luma pass only, with a note. One progress bar over both passes, split by FLOPs.
 */
public final class ColorRestorer implements Restorer {
	private final LumaRestorer luma;
	private final TiledModel chroma;
	private final RestoreOptions options;

	ColorRestorer(LumaRestorer luma, ModelCard chromaCard, RestoreOptions options) {
		if (chromaCard.task != ModelTask.COLOR) throw new IllegalArgumentException("model '" + chromaCard.name + "' is a " + chromaCard.task + " model, not a color model");
		this.luma = luma;
		this.chroma = new TiledModel(chromaCard, options, 3, 2);
		this.options = options;
	}

	@Override
	public String name() {
		return chroma.card.name + options.nameSuffix();
	}

	@Override
	public String device() {
		return luma.device();
	}

	/** The chroma table's QF: the file's chroma table when it has one, else the luma QF. */
	static int chromaQf(Input in, QfChoice.Resolved q) {
		if (in.jpeg == null || in.jpeg.components.size() < 3 || q.source != QfSource.FILE) return q.qf;
		return QuantTables.estimate(in.jpeg.tableOf(1), true).qf;
	}

	@Override
	public Restored restore(Input in, Progress progress) {
		if (in.image.channels == 1) {
			Restored r = luma.restore(in, progress);
			return new Restored(r.image, r.qf, r.qfSource, "gray image: luma only (there is no chroma to restore)");
		}
		Image8 img = in.image;
		int w = img.width, h = img.height;
		double lumaShare = luma.flopsPerPixel() / (double) (luma.flopsPerPixel() + chroma.card.flopsPerPixel);
		double predictShare = luma.predictionShare() * lumaShare;
		QfChoice.Resolved q = luma.resolve(in, progress.span(0, predictShare));
		if (q.source == QfSource.PREDICTED) progress = progress.span(predictShare, 1);
		float[] yr = new float[w * h];
		luma.restoreY(img, q, (c, x, y, v) -> yr[y * w + x] = Image8.clip01(v), progress.span(0, lumaShare));

		byte[] d = img.data;
		Image8 out = new Image8(w, h, 3);
		byte[] o = out.data;
		float[] cbOut = new float[w * h];
		Tiler.Source src = (c, x, y) -> c == 0 ? yr[y * w + x] : ChromaPlanes.chroma01(d, y * w + x, c);
		Tiler.Sink sink = (c, x, y, v) -> {
			int p = y * w + x;
			if (c == 0) cbOut[p] = v;
			else ChromaPlanes.toRgb(yr[p], cbOut[p], v, o, 3 * p);
		};
		chroma.run(w, h, src, sink, chromaQf(in, q), null, progress.span(lumaShare, 1));
		return new Restored(out, q.qf, q.source, luma.routedNote(q));
	}

}
