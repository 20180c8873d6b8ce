package io.github.jpegrestore.finetune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

import com.google.gson.JsonObject;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.ModelTask;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.TorchModel;
import io.github.jpegrestore.inference.TrainableModel;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.restore.ChromaPlanes;

/**
 * Fine-tunes a shipped luma or color model on the user's own lossless images, in the JVM (no
 * Python; a color model learns behind its luma model, which is not trained): the
 * model's trainable copy is trained by {@link TrainableModel} on patches compressed as
 * {@link Degradation} says, for a wall-clock budget under a cosine learning rate; a fifth of the
 * images (by file) is held out and measured before and after. The new card and weights are written
 * only when the tuned model beats the base on the held-out images (mean PSNR over the held-out
 * compressions); a checkpoint beside the card lets a second run go on from where this one ended.
 */
public final class FineTune {
	/** The least held-out gain (dB, mean over the compressions) that counts as beating the base. */
	public static final double MIN_GAIN_DB = 0.001;
	/** The most any measured quality (trained or guard) may lose (dB) for the card to be written. */
	public static final double GUARD_LOSS_DB = 0.01;

	/** Defaults and bounds (options.Catalog describes the settings with them). */
	public static final int MINUTES = 15, MAX_MINUTES = 24 * 60, BATCH = 8, MAX_BATCH = 64, PATCH = 96, MIN_PATCH = 32, MAX_PATCH = 512;
	public static final String QF = "10-50", LR = "5e-4";

	/** What to fine-tune, on what, for how long. */
	public static final class Options {
		public Path data, out, validate, like;
		public String model = "luma", qf = QF;
		public double minutes = MINUTES, lr = Double.parseDouble(LR);
		public int batch = BATCH, patch = PATCH;
		public long seed = 1;
		public boolean overwrite;
		/** A schedule over this many steps instead of the minutes (which still stop it); 0: the minutes. For tests and benchmarks, which need a fixed amount of training. */
		public int maxSteps;
		public DeviceChoice device = DeviceChoice.AUTO;
	}

	/** Held-out PSNR (dB) at one compression: the JPEG, the base model, the tuned model. */
	public static final class Row {
		public final String label;
		public final boolean guard;
		public final double jpeg, base, tuned;

		Row(String label, boolean guard, double jpeg, double base, double tuned) {
			this.label = label;
			this.guard = guard;
			this.jpeg = jpeg;
			this.base = base;
			this.tuned = tuned;
		}
	}

	/** What a run did: the held-out table, whether a card was written, and why. */
	public static final class Result {
		public final List<Row> rows = new ArrayList<>();
		public int steps, trainImages, heldOutImages;
		public double seconds, margin;
		public boolean written, canceled;
		public Path card;
		public String verdict;
	}

	private final Options o;
	private final Consumer<String> log;

	public FineTune(Options o, Consumer<String> log) {
		this.o = o;
		this.log = log;
	}

	public Result run(Progress progress) {
		check();
		ModelCard base = ModelStore.find(o.model);
		boolean color = base.task == ModelTask.COLOR;
		if (base.task != ModelTask.LUMA && !color)
			throw new JpegRestoreException("fine-tune trains luma and color models; '" + base.name + "' is a " + base.task.label + " model");
		Path trainable = base.verifiedTrainable();
		Degradation deg = o.like != null ? Degradation.like(o.like) : Degradation.parse(o.qf);
		TrainingImages imgs = new TrainingImages(o.data, o.validate, o.patch, color);
		for (String s : imgs.skipped) log.accept("skipped " + s);
		Checkpoint ck = new Checkpoint(o.out, base, imgs);
		Result res = new Result();
		res.trainImages = imgs.train.size();
		res.heldOutImages = imgs.heldOut.size();
		ModelCard guideCard = color ? ModelStore.guideOf(base, null) : null;
		try (TrainableModel m = new TrainableModel(ck.exists() ? ck.weights() : trainable, o.device.resolve());
			TorchModel guide = color ? new TorchModel(guideCard.verifiedWeights(), m.device) : null) {
			if (ck.exists()) {
				m.resume(ck.optimizer());
				log.accept("resumed " + ck.dir.getFileName() + " after " + m.steps() + " steps");
			}
			log.accept(String.format(Locale.ROOT, "%s (%s, %,d weights) on %d image(s), %d held out; %s; %.1f min on %s",
				base.name, base.json.get("architecture").getAsString(), m.weightCount(), imgs.train.size(), imgs.heldOut.size(),
				deg.description, o.minutes, TorchModel.describe(m.device, "fp32")));
			if (color) log.accept("color: Y restored by '" + guideCard.name + "' (not trained); "
				+ (o.like != null ? "the chroma tables and subsampling of the JPEGs" : "4:2:0, IJG's chroma table at each patch's QF"));
			List<Held> held = held(imgs, deg, base.sizeMultiple, guide);
			progress.stage("held-out images, base model");
			double[] before = measure(m, held, deg);
			long t0 = System.nanoTime();
			int first = m.steps();
			train(m, imgs, deg, guide, progress, ck, res);
			res.seconds = (System.nanoTime() - t0) / 1e9;
			res.steps = m.steps() - first;
			ck.save(m);
			progress.stage("held-out images, tuned model");
			double[] after = measure(m, held, deg);
			double gain = 0;
			int n = 0;
			for (int k = 0; k < deg.validation.size(); k++) {
				double jp = 0;
				for (Held h : held) jp += h.jpegPsnr[k];
				Degradation.Kind d = deg.validation.get(k);
				res.rows.add(new Row(d.label, d.guard, jp / held.size(), before[k], after[k]));
				if (d.guard) continue;
				gain += after[k] - before[k];
				n++;
			}
			res.margin = gain / n;
			decide(base, m, deg, imgs, res);
		}
		return res;
	}

	/** A learning rate as the settings write it ("1e-4"). */
	public static double parseLr(String s) {
		try {
			return Double.parseDouble(s.trim());
		} catch (NumberFormatException | NullPointerException e) {
			throw new IllegalArgumentException("lr must be a number such as 1e-4, got '" + s + "'");
		}
	}

	private void check() {
		if (o.data == null || o.out == null) throw new IllegalArgumentException("fine-tune needs --data and --out");
		if (!o.out.getFileName().toString().endsWith(".json")) throw new IllegalArgumentException("--out names the new model: a name (em-tuned) or a card NAME.json");
		if (!(o.minutes > 0 && o.minutes <= MAX_MINUTES)) throw new IllegalArgumentException("minutes must be above 0 and at most " + MAX_MINUTES + ", got " + o.minutes);
		if (o.batch < 1 || o.batch > MAX_BATCH) throw new IllegalArgumentException("batch must be 1.." + MAX_BATCH + ", got " + o.batch);
		if (o.patch < MIN_PATCH || o.patch > MAX_PATCH || o.patch % 16 != 0) throw new IllegalArgumentException("patch must be a multiple of 16 in " + MIN_PATCH + ".." + MAX_PATCH + ", got " + o.patch);
		if (!(o.lr > 0 && o.lr < 1)) throw new IllegalArgumentException("lr must be above 0 and below 1, got " + o.lr);
		if (o.like != null && !QF.equals(o.qf))
			throw new IllegalArgumentException("give either --qf or --like: --like takes the qualities from the JPEG files");
		if (!o.overwrite) {
			ImageFiles.checkTarget(o.out, false);
			ImageFiles.checkTarget(TunedCard.weightsOf(o.out), false);
		}
	}

	private void train(TrainableModel m, TrainingImages imgs, Degradation deg, TorchModel guide, Progress progress, Checkpoint ck, Result res) {
		int first = m.steps();
		Random r = new Random(o.seed * 1_000_003L + first);
		int n = o.batch, pp = o.patch * o.patch, in = guide != null ? 3 : 1, outCh = guide != null ? 2 : 1;
		float[] x = new float[n * in * pp], y = new float[n * outCh * pp], q = new float[n];
		long[] shape = { n, in, o.patch, o.patch }, targetShape = { n, outCh, o.patch, o.patch };
		double budget = o.minutes * 60e9, lossSum = 0;
		int lossN = 0;
		long start = System.nanoTime(), lastLog = start, lastSave = start;
		progress.stage("training");
		while (true) {
			long now = System.nanoTime();
			double time = (now - start) / budget;
			// the schedule runs over the minutes, or over maxSteps when given (the same steps on every machine)
			double f = o.maxSteps > 0 ? (m.steps() - first) / (double) o.maxSteps : time;
			if (f >= 1 || time >= 1) break;
			if (progress.canceled()) {
				res.canceled = true;
				log.accept("stopped by the user after " + Math.round((now - start) / 1e9) + " s; the weights so far are measured");
				break;
			}
			if (guide != null) imgs.colorBatch(r, deg, o.patch, guide, x, y, q);
			else imgs.batch(r, deg, o.patch, x, y, q);
			lossSum += m.step(x, shape, q, y, targetShape, learningRate(f));
			lossN++;
			progress.update(Math.round(f * Progress.SCALE), Progress.SCALE);
			if (now - lastLog > 30e9) {
				log.accept(String.format(Locale.ROOT, "step %d, L1 %.5f, %.1f steps/min", m.steps(), lossSum / lossN,
					lossN / ((now - lastLog) / 60e9)));
				lossSum = 0;
				lossN = 0;
				lastLog = now;
			}
			if (now - lastSave > 60e9) {
				ck.save(m);
				lastSave = now;
			}
		}
	}

	/** Cosine from {@code lr} to 0 over the budget, after a warm-up over its first 3%. */
	double learningRate(double f) {
		double warm = Math.min(1, f / 0.03);
		return o.lr * warm * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, f)));
	}

	/**
	 * A held-out crop and the network's input at each validation compression: the JPEG's Y (luma),
	 * or [Y restored by the guide, decoded Cb, decoded Cr] (color), as planes in [0, 1].
	 */
	private static final class Held {
		final Image8 clean;
		final float[][] input;
		final double[] jpegPsnr;

		Held(Image8 clean, float[][] input, double[] jpegPsnr) {
			this.clean = clean;
			this.input = input;
			this.jpegPsnr = jpegPsnr;
		}
	}

	private static List<Held> held(TrainingImages imgs, Degradation deg, int multiple, TorchModel guide) {
		List<Held> out = new ArrayList<>();
		for (TrainingImages.Item it : imgs.heldOut) {
			Image8 c = TrainingImages.crop(it.y, 512, multiple);
			int k = deg.validation.size(), n = c.width * c.height;
			float[][] in = new float[k][];
			double[] p = new double[k];
			for (int i = 0; i < k; i++) {
				Degradation.Kind d = deg.validation.get(i);
				if (guide == null) {
					Image8 j = JpegCodec.decode(JpegCodec.compress(c, d.table, d.table, null));
					p[i] = Metrics.psnr(c.plane(0), j.plane(0));
					in[i] = new float[n];
					for (int q = 0; q < n; q++) in[i][q] = (j.data[q] & 0xff) / 255f;
					continue;
				}
				Image8 j = JpegCodec.decode(JpegCodec.compress(c, d.table, d.chromaTable, d.subsampling));
				p[i] = Metrics.psnr(all(c), all(j));
				float[] y = new float[n];
				TrainingImages.luma01(j, y, 0);
				float[] yr = guide.run(y, new long[] { 1, 1, c.height, c.width }, new float[] { d.qf / 100f }).image;
				in[i] = new float[3 * n];
				for (int q = 0; q < n; q++) in[i][q] = Image8.clip01(yr[q]);
				TrainingImages.chroma01(j, in[i], n);
			}
			out.add(new Held(c, in, p));
		}
		return out;
	}

	/** Every sample of an image (all channels), for an RGB PSNR: the mean squared error over R, G and B. */
	private static double[] all(Image8 im) {
		double[] a = new double[im.data.length];
		for (int i = 0; i < a.length; i++) a[i] = im.data[i] & 0xff;
		return a;
	}

	/**
	 * Mean held-out PSNR per validation compression, the output clipped and rounded to 8 bit as the
	 * restorers do: of Y (luma), of RGB from the guide's Y and the tuned Cb, Cr (color).
	 */
	private static double[] measure(TrainableModel m, List<Held> held, Degradation deg) {
		double[] s = new double[deg.validation.size()];
		for (Held h : held) {
			int w = h.clean.width, hh = h.clean.height, n = w * hh;
			boolean color = h.clean.channels == 3;
			for (int k = 0; k < s.length; k++) {
				Degradation.Kind d = deg.validation.get(k);
				float[] out = m.run(h.input[k], new long[] { 1, color ? 3 : 1, hh, w }, new float[] { (color ? d.chromaQf : d.qf) / 100f });
				if (!color) {
					double[] r = new double[out.length];
					for (int i = 0; i < r.length; i++) r[i] = Image8.clamp255(out[i] * 255.0);
					s[k] += Metrics.psnr(h.clean.plane(0), r);
					continue;
				}
				Image8 rgb = new Image8(w, hh, 3);
				for (int i = 0; i < n; i++)
					ChromaPlanes.toRgb(h.input[k][i], out[i], out[n + i], rgb.data, 3 * i);
				s[k] += Metrics.psnr(all(h.clean), all(rgb));
			}
		}
		for (int k = 0; k < s.length; k++) s[k] /= held.size();
		return s;
	}

	private void decide(ModelCard base, TrainableModel m, Degradation deg, TrainingImages imgs, Result res) {
		if (res.margin < MIN_GAIN_DB) {
			res.verdict = String.format(Locale.ROOT, "not written: the tuned model is %+.3f dB against the base on the held-out images (mean over %s; it must gain at least %.3f dB)",
				res.margin, deg.description, MIN_GAIN_DB);
			return;
		}
		for (Row r : res.rows)
			if (r.tuned - r.base < -GUARD_LOSS_DB) {
				res.verdict = String.format(Locale.ROOT, "not written: +%.3f dB on average where asked, but %.3f dB at %s%s (at most %.2f dB lost is allowed at any quality)",
					res.margin, r.tuned - r.base, r.label.replace(" (guard)", ""), r.guard ? ", a quality it was not trained for" : "", GUARD_LOSS_DB);
				return;
			}
		res.card = TunedCard.write(base, o.out, o.overwrite, record(base, deg, imgs, res), m);
		res.written = true;
		res.verdict = String.format(Locale.ROOT, "written: %s, +%.3f dB over %s on the held-out images (mean over %s)",
			res.card.getFileName(), res.margin, base.name, deg.description);
	}


	/** The card's "fine_tune" record: base, images, compression, steps, wall clock and the held-out table. */
	private JsonObject record(ModelCard base, Degradation deg, TrainingImages imgs, Result res) {
		JsonObject f = new JsonObject();
		f.addProperty("base", base.name);
		f.addProperty("base_sha256", base.sha256);
		f.addProperty("when", java.time.Instant.now().toString());
		f.addProperty("compression", deg.description);
		f.addProperty("train_images", imgs.train.size());
		f.addProperty("held_out_images", imgs.heldOut.size());
		f.add("train_sha256", TunedCard.shas(imgs.train));
		f.add("held_out_sha256", TunedCard.shas(imgs.heldOut));
		f.addProperty("steps", res.steps);
		f.addProperty("wall_clock_s", Math.round(res.seconds));
		f.addProperty("batch", o.batch);
		f.addProperty("patch", o.patch);
		f.addProperty("learning_rate", o.lr);
		f.addProperty("held_out_measure", "mean PSNR (dB) of the held-out images' central 512 x 512 (8-bit Y), at each compression; guard: "
			+ "a quality outside the ones trained for, which may lose at most " + GUARD_LOSS_DB + " dB");
		JsonObject v = new JsonObject();
		for (Row r : res.rows) {
			JsonObject row = new JsonObject();
			row.addProperty("jpeg", TunedCard.round(r.jpeg));
			row.addProperty("base", TunedCard.round(r.base));
			row.addProperty("tuned", TunedCard.round(r.tuned));
			if (r.guard) row.addProperty("guard", true);
			v.add(r.label, row);
		}
		f.add("held_out", v);
		f.addProperty("margin_db", TunedCard.round(res.margin));
		return f;
	}
}
