package io.github.jpegrestore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.QfSweep;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restored;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", mixinStandardHelpOptions = true,
	description = "Restore a JPEG-compressed image (written losslessly: .png or .tif).")
final class RestoreCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.RESTORE_CLI;
	}

	@Spec CommandSpec spec;
	@Option(names = "--model") String model;
	@Option(names = "--qf") String qf;
	@Option(names = "--sweep", description = "OUT becomes OUT-qf10.png ... OUT-qf90.png") boolean sweep;
	@Mixin RunOptions run;
	@Option(names = "--overwrite", description = "replace an existing output") boolean overwrite;
	@Parameters(index = "0", description = "input image (a JPEG file gives its QF and grid)") Path in;
	@Parameters(index = "1", description = "output image (.png or .tif)") Path out;

	@Override
	public Integer call() {
		RestoreOptions o = run.options().qf(QfChoice.parse(qf));
		if (ImageFiles.formatOf(out).equals("jpg")) throw new IllegalArgumentException(out + ": write restored images losslessly (.png or .tif), not as JPEG");
		List<Path> outs = new ArrayList<>();
		if (sweep) for (int q : QfSweep.DEFAULT) outs.add(ImageFiles.withSuffix(out, "-qf" + q));
		else outs.add(out);
		for (Path p : outs) {
			ImageFiles.checkNotInput(in, p);
			ImageFiles.checkTarget(p, overwrite);
		}
		ImageFiles.Loaded img = ImageFiles.load(in);
		o.validate(img.jpeg);
		Input input = new Input(img.image, img.jpeg, img.jpeg == null ? null : img.bytes);
		if (sweep) {
			long t0 = System.nanoTime();
			List<Restored> all = QfSweep.run(model, o, input, QfSweep.DEFAULT, Progress.NONE);
			for (int i = 0; i < all.size(); i++) {
				ImageFiles.write(all.get(i).image, outs.get(i), overwrite);
				spec.commandLine().getOut().printf(Locale.ROOT, "%s -> %s: QF %d%n", in.getFileName(), outs.get(i).getFileName(), all.get(i).qf);
			}
			spec.commandLine().getOut().printf(Locale.ROOT, "QF sweep of %d restorations with model %s, %.2f s%n", all.size(), model, (System.nanoTime() - t0) / 1e9);
			spec.commandLine().getOut().flush();
			return Exit.OK;
		}
		try (Restorer r = Restorers.create(model, o)) {
			long t0 = System.nanoTime();
			Restored res = r.restore(input, Progress.NONE);
			double s = (System.nanoTime() - t0) / 1e9;
			ImageFiles.write(res.image, out, overwrite);
			spec.commandLine().getOut().printf(Locale.ROOT, "%s -> %s: model %s on %s, QF %d (%s)%s, %.2f s%s%n", in.getFileName(), out.getFileName(),
				r.name(), r.device(), res.qf, res.qfSource, o.constrain ? ", constrained" : "", s, res.note.isEmpty() ? "" : "; " + res.note);
			if (img.jpeg != null && img.jpeg.orientation != 1)
				spec.commandLine().getOut().println("note: the file's EXIF orientation is " + img.jpeg.orientation
					+ "; pixels are restored and written as stored (on the JPEG's 8x8 grid), not rotated as a viewer shows them");
			spec.commandLine().getOut().flush();
		}
		return Exit.OK;
	}
}
