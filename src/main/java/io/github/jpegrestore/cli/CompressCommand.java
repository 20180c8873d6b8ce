package io.github.jpegrestore.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compress", mixinStandardHelpOptions = true,
	description = "Write a JPEG with explicit IJG tables (optionally double JPEG with a grid shift).")
final class CompressCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.SIMULATE;
	}

	@Option(names = "--qf", required = true) int qf;
	@Option(names = "--subsampling") String subsampling;
	@Option(names = "--then-qf") int thenQf;
	@Option(names = "--shift") String shift;
	@Option(names = "--overwrite", description = "replace an existing output") boolean overwrite;
	@Parameters(index = "0", description = "input image") Path in;
	@Parameters(index = "1", description = "output .jpg") Path out;

	@Override
	public Integer call() {
		Subsampling sub = Subsampling.fromLabel(subsampling);
		int[] s = Args.shift(shift);
		JpegCodec.checkDouble(thenQf, s);
		if (!ImageFiles.formatOf(out).equals("jpg")) throw new IllegalArgumentException(out + ": the output of compress must be .jpg");
		ImageFiles.checkNotInput(in, out);
		ImageFiles.checkTarget(out, overwrite);
		Image8 img = ImageFiles.read(in);
		byte[] jpg = thenQf == 0 ? JpegCodec.compress(img, qf, sub) : JpegCodec.compressDouble(img, qf, thenQf, s[0], s[1], sub);
		ImageFiles.writeBytes(jpg, out, overwrite);
		return Exit.OK;
	}
}
