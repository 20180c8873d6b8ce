package io.github.jpegrestore.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import io.github.jpegrestore.analysis.BlockDct;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.YCbCr;
import io.github.jpegrestore.jpeg.Zigzag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dct", mixinStandardHelpOptions = true,
	description = "Block DCT map, 64-band stack and non-zero probability per frequency of an image's Y: PREFIX-blocks.tif, PREFIX-bands.tif, PREFIX-nonzero.csv.")
final class DctCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.DCT;
	}

	@Parameters(index = "0", description = "image (a JPEG file gives its luma table)") Path in;
	@Parameters(index = "1", description = "output prefix") String prefix;
	@Option(names = "--qf") String qf;
	@Option(names = "--overwrite", description = "replace existing outputs") boolean overwrite;

	@Override
	public Integer call() {
		Path blocks = Path.of(prefix + "-blocks.tif"), bands = Path.of(prefix + "-bands.tif"), csv = Path.of(prefix + "-nonzero.csv");
		for (Path p : new Path[] { blocks, bands, csv }) ImageFiles.checkTarget(p, overwrite);
		ImageFiles.Loaded img = ImageFiles.load(in);
		int w = img.image.width, h = img.image.height;
		double[] y = YCbCr.luma(img.image, false).plane(0);
		int[] table = BlockDct.countTable(qf, img.jpeg).table;
		int bw = (w + 7) / 8, bh = (h + 7) / 8;
		ImagePlus map = new ImagePlus(in.getFileName() + " block DCT", new FloatProcessor(8 * bw, 8 * bh, BlockDct.blockMap(y, w, h)));
		ImageStack st = new ImageStack(bw, bh);
		float[][] b = BlockDct.bands(y, w, h);
		for (int k = 0; k < 64; k++) st.addSlice(BlockDct.bandLabel(k), new FloatProcessor(bw, bh, b[k]));
		ImagePlus bandImp = new ImagePlus(in.getFileName() + " DCT bands", st);
		double[] p = BlockDct.nonzeroProbability(y, w, h, table);
		StringBuilder sb = new StringBuilder("index,u,v,probability\n");
		for (int k = 0; k < 64; k++)
			sb.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f%n", k, Zigzag.NATURAL[k] % 8, Zigzag.NATURAL[k] / 8, p[k]));
		// all three or none: a failure on a later output (a full disk) removes the earlier ones
		java.util.List<Path> written = new java.util.ArrayList<>();
		try {
			tiff(map, blocks, overwrite);
			written.add(blocks);
			tiff(bandImp, bands, overwrite);
			written.add(bands);
			ImageFiles.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8), csv, overwrite);
		} catch (RuntimeException e) {
			for (Path f : written) {
				try {
					java.nio.file.Files.deleteIfExists(f);
				} catch (java.io.IOException ignored) {
					// reported below with the original failure
				}
			}
			throw e;
		}
		return Exit.OK;
	}

	static void tiff(ImagePlus imp, Path out, boolean overwrite) {
		ImageFiles.checkTarget(out, overwrite);
		ImageFiles.writeAtomically(out, overwrite, tmp -> {
			FileSaver fs = new FileSaver(imp);
			if (!(imp.getStackSize() > 1 ? fs.saveAsTiffStack(tmp.toString()) : fs.saveAsTiff(tmp.toString())))
				throw new java.io.IOException("TIFF writer failed");
		});
	}
}
