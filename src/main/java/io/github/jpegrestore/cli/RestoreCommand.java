package io.github.jpegrestore.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.restore.LumaRestorer;
import io.github.jpegrestore.restore.QfChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", mixinStandardHelpOptions = true,
	description = "Restore a JPEG-compressed image (written losslessly: .png or .tif).")
final class RestoreCommand implements Callable<Integer> {
	@Spec CommandSpec spec;
	@Option(names = "--model", defaultValue = "luma", description = "luma | color | blind, or a model card path") String model;
	@Option(names = "--qf", defaultValue = "auto", description = "auto (the file's DQT, else estimated) | file | 1..100") String qf;
	@Option(names = "--constrain", description = "project the result back into the file's quantization bins") boolean constrain;
	@Option(names = "--device", defaultValue = "auto", description = "auto | cpu | gpu") String device;
	@Option(names = "--tile", defaultValue = "0", description = "tile size in pixels (0 = from free memory)") int tile;
	@Option(names = "--overwrite", description = "replace an existing output") boolean overwrite;
	@Parameters(index = "0", description = "input image (a JPEG file gives its QF and grid)") Path in;
	@Parameters(index = "1", description = "output image (.png or .tif)") Path out;

	@Override
	public Integer call() {
		QfChoice q = QfChoice.parse(qf);
		DeviceChoice dev = DeviceChoice.fromLabel(device);
		if (tile < 0) throw new IllegalArgumentException("--tile must be 0 (automatic) or positive, got " + tile);
		if (model.equals("color") || model.equals("blind"))
			throw new IllegalArgumentException("--model " + model + ": no trained " + model + " model is installed yet (use luma)");
		if (ImageFiles.formatOf(out).equals("jpg")) throw new IllegalArgumentException(out + ": write restored images losslessly (.png or .tif), not as JPEG");
		ImageFiles.checkTarget(out, overwrite);
		ImageFiles.Loaded img = ImageFiles.load(in);
		if (constrain && img.jpeg == null) throw new IllegalArgumentException("--constrain needs a JPEG input (its quantization tables and grid)");
		LumaRestorer r = new LumaRestorer(ModelStore.find(model), dev, tile);
		QfChoice.Resolved rq = q.resolve(img.jpeg, img.image);
		long t0 = System.nanoTime();
		Tiler tiler = r.newTiler();
		Image8 restored = r.restore(img.image, rq.qf, constrain ? rq.lumaTable : null, tiler, Progress.NONE, 0, -1);
		double s = (System.nanoTime() - t0) / 1e9;
		ImageFiles.write(restored, out, overwrite);
		spec.commandLine().getOut().printf(Locale.ROOT, "%s -> %s: model %s on %s, QF %d (%s)%s, %.2f s%n", in.getFileName(), out.getFileName(),
			r.card().name, r.model().device, rq.qf, rq.source, constrain ? ", constrained" : "", s);
		spec.commandLine().getOut().flush();
		return Main.OK;
	}
}
