package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Dct;

/**
 * The quantization constraint (DMCNN's DCT rectify unit): each 8x8 block of the restored Y is
 * projected back into the quantization bins [(C - 1/2) Q, (C + 1/2) Q] of the file's coefficients C.
 * C is recovered from the decoded Y as round(DCT(Y - 128) / Q), exact up to the decoder's rounding
 * for gray JPEGs and up to the RGB round trip for color ones. Blocks that the image's right or
 * bottom edge cuts are left as they are.
 */
public final class QuantConstraint implements Tiler.CoreFilter {
	private final Tiler.Source decoded;
	private final int[] table;
	private final int width, height;

	/** @param decoded the decoded Y in [0, 1] (channel 0); @param table the file's luma table, natural order */
	public QuantConstraint(Tiler.Source decoded, int[] table, int width, int height) {
		if (table == null || table.length != 64) throw new IllegalArgumentException("the constraint needs the file's quantization table");
		this.decoded = decoded;
		this.table = table;
		this.width = width;
		this.height = height;
	}

	@Override
	public void apply(float[] out, int outChannels, int tw, int th, int coreX0, int coreY0, int coreW, int coreH, int ox, int oy) {
		double[] blk = new double[64], dec = new double[64], d = new double[64], c = new double[64];
		for (int by = coreY0; by < coreY0 + coreH; by += 8)
			for (int bx = coreX0; bx < coreX0 + coreW; bx += 8) {
				int ix = ox + bx, iy = oy + by;
				if (ix + 8 > width || iy + 8 > height) continue;
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++) {
						blk[8 * y + x] = out[(by + y) * tw + bx + x] * 255.0 - 128;
						dec[8 * y + x] = decoded.get(0, ix + x, iy + y) * 255.0 - 128;
					}
				Dct.forward(blk, d);
				Dct.forward(dec, c);
				boolean changed = false;
				for (int i = 0; i < 64; i++) {
					double q = table[i];
					double k = Math.rint(c[i] / q);
					double lo = (k - 0.5) * q, hi = (k + 0.5) * q;
					if (d[i] < lo) {
						d[i] = lo;
						changed = true;
					} else if (d[i] > hi) {
						d[i] = hi;
						changed = true;
					}
				}
				if (!changed) continue;
				Dct.inverse(d, blk);
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++) out[(by + y) * tw + bx + x] = (float) ((blk[8 * y + x] + 128) / 255.0);
			}
	}
}
