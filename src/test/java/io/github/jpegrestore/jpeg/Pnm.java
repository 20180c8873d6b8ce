package io.github.jpegrestore.jpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Binary PGM/PPM (P5/P6, 8-bit) for talking to cjpeg/djpeg in tests. */
final class Pnm {
	private Pnm() {}

	static void write(Image8 im, Path f) throws IOException {
		byte[] head = ((im.channels == 1 ? "P5" : "P6") + "\n" + im.width + " " + im.height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[head.length + im.data.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(im.data, 0, all, head.length, im.data.length);
		Files.write(f, all);
	}

	static Image8 read(Path f) throws IOException {
		byte[] b = Files.readAllBytes(f);
		int[] pos = { 0 };
		String magic = token(b, pos);
		int w = Integer.parseInt(token(b, pos)), h = Integer.parseInt(token(b, pos));
		Integer.parseInt(token(b, pos));
		pos[0]++; // single whitespace after maxval
		int c = magic.equals("P5") ? 1 : 3;
		Image8 im = new Image8(w, h, c);
		System.arraycopy(b, pos[0], im.data, 0, im.data.length);
		return im;
	}

	private static String token(byte[] b, int[] pos) {
		while (Character.isWhitespace(b[pos[0]])) pos[0]++;
		int s = pos[0];
		while (!Character.isWhitespace(b[pos[0]])) pos[0]++;
		return new String(b, s, pos[0] - s, StandardCharsets.US_ASCII);
	}
}
