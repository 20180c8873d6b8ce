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
final class CompressCommand implements Callable<Integer> {
	@Option(names = "--qf", required = true, description = "IJG quality 1..100") int qf;
	@Option(names = "--subsampling", defaultValue = "420", description = "420 or 444 (color images)") String subsampling;
	@Option(names = "--then-qf", description = "recompress at this quality after the shift (double JPEG)") Integer thenQf;
	@Option(names = "--shift", defaultValue = "0,0", description = "DX,DY rows/columns removed before the second compression (0..7)") String shift;
	@Option(names = "--overwrite", description = "replace an existing output") boolean overwrite;
	@Parameters(index = "0", description = "input image") Path in;
	@Parameters(index = "1", description = "output .jpg") Path out;

	@Override
	public Integer call() {
		Args.quality(qf);
		Subsampling sub = Subsampling.fromLabel(subsampling);
		int[] s = Args.shift(shift);
		if (thenQf != null) Args.quality(thenQf);
		else if (s[0] != 0 || s[1] != 0) throw new IllegalArgumentException("--shift needs --then-qf");
		if (!ImageFiles.formatOf(out).equals("jpg")) throw new IllegalArgumentException(out + ": the output of compress must be .jpg");
		ImageFiles.checkNotInput(in, out);
		ImageFiles.checkTarget(out, overwrite);
		Image8 img = ImageFiles.read(in);
		byte[] jpg = thenQf == null ? JpegCodec.compress(img, qf, sub) : JpegCodec.compressDouble(img, qf, thenQf, s[0], s[1], sub);
		ImageFiles.writeBytes(jpg, out, overwrite);
		return Main.OK;
	}
}
