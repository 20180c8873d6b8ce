package io.github.jpegrestore.ij;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.jpegrestore.jpeg.Image8;

/** ImagePlus planes to and from the core's {@link Image8}, with the checks a user needs to hear about. */
public final class Planes {
	private Planes() {}

	/** Throws with a one-line message when the image cannot be restored as 8-bit data. */
	public static void validate(ImagePlus imp) {
		if (imp == null) throw new IllegalArgumentException("no image is open");
		if (imp.getWidth() <= 0 || imp.getHeight() <= 0 || imp.getStackSize() <= 0 || imp.getStack().getSize() == 0)
			throw new IllegalArgumentException("the image is empty");
		if (imp.getWidth() < 2 && imp.getHeight() < 2) throw new IllegalArgumentException("a 1x1 image has nothing to restore");
		switch (imp.getBitDepth()) {
			case 8: {
				// a colour palette (GIF, palette PNG) holds indices, not intensities; a single-colour or
				// smooth LUT (a microscopy channel shown in green, "Fire") holds intensities and is fine
				ImageProcessor ip = imp.getProcessor();
				if (ip.isColorLut() && !ip.isPseudoColorLut() && !imp.isComposite())
					throw new IllegalArgumentException("8-bit image with a colour palette: its values are palette indices, not intensities; convert it to RGB first (Image > Type > RGB Color)");
				return;
			}
			case 24:
				return;
			case 16: {
				ImageStack st = imp.getStack();
				for (int i = 1; i <= st.getSize(); i++) {
					ImageProcessor ip = st.getProcessor(i);
					short[] px = (short[]) ip.getPixels();
					for (short v : px)
						if ((v & 0xffff) > 255)
							throw new IllegalArgumentException("16-bit image with values above 255 (plane " + i + "): JPEG data is 8-bit; convert to 8-bit with the display range you want first");
				}
				return;
			}
			default:
				throw new IllegalArgumentException(imp.getBitDepth() + "-bit image: JPEG data is 8-bit gray or RGB; convert it first (Image > Type)");
		}
	}

	public static Image8 toImage8(ImageProcessor ip) {
		int w = ip.getWidth(), h = ip.getHeight();
		if (ip instanceof ColorProcessor) {
			int[] px = (int[]) ip.getPixels();
			Image8 im = new Image8(w, h, 3);
			for (int i = 0; i < px.length; i++) {
				im.data[3 * i] = (byte) (px[i] >> 16);
				im.data[3 * i + 1] = (byte) (px[i] >> 8);
				im.data[3 * i + 2] = (byte) px[i];
			}
			return im;
		}
		if (ip instanceof ByteProcessor) return new Image8(w, h, 1, ((byte[]) ip.getPixels()).clone());
		if (ip instanceof ShortProcessor) {
			short[] px = (short[]) ip.getPixels();
			Image8 im = new Image8(w, h, 1);
			for (int i = 0; i < px.length; i++) im.data[i] = (byte) Math.min(255, px[i] & 0xffff);
			return im;
		}
		throw new IllegalArgumentException("32-bit image: convert it to 8-bit first");
	}

	/** A processor of the same kind as {@code like} (8-bit, 16-bit or RGB) holding {@code im}. */
	public static ImageProcessor toProcessor(Image8 im, ImageProcessor like) {
		int w = im.width, h = im.height;
		if (im.channels == 3) {
			int[] px = new int[w * h];
			for (int i = 0; i < px.length; i++)
				px[i] = 0xff000000 | (im.data[3 * i] & 0xff) << 16 | (im.data[3 * i + 1] & 0xff) << 8 | (im.data[3 * i + 2] & 0xff);
			return new ColorProcessor(w, h, px);
		}
		if (like instanceof ShortProcessor) {
			short[] px = new short[w * h];
			for (int i = 0; i < px.length; i++) px[i] = (short) (im.data[i] & 0xff);
			return new ShortProcessor(w, h, px, like.getColorModel());
		}
		ByteProcessor bp = new ByteProcessor(w, h, im.data.clone());
		if (like != null) bp.setColorModel(like.getColorModel());
		return bp;
	}

	/** A new ImagePlus with the given stack and everything else of {@code src}: dimensions, calibration, properties, title + suffix. */
	public static ImagePlus derived(ImagePlus src, ImageStack stack, String suffix) {
		String title = src.getTitle();
		int dot = title.lastIndexOf('.');
		if (dot > 0 && title.length() - dot <= 5) title = title.substring(0, dot);
		ImagePlus out = new ImagePlus(title + suffix, stack);
		out.setDimensions(src.getNChannels(), src.getNSlices(), src.getNFrames());
		if (src.isHyperStack()) out.setOpenAsHyperStack(true);
		if (src.isComposite() && src.getNChannels() > 1 && stack.getSize() == src.getStackSize()) {
			// a composite keeps its mode and each channel's LUT and display range (magenta stays magenta)
			ij.CompositeImage from = (ij.CompositeImage) src;
			ij.CompositeImage c = new ij.CompositeImage(out, from.getMode());
			c.setLuts(from.getLuts());
			c.setTitle(out.getTitle());
			out = c;
		} else if (src.getBitDepth() != 24 && src.getStackSize() == stack.getSize() && !src.getProcessor().isDefaultLut())
			out.getProcessor().setLut(src.getProcessor().getLut()); // a single channel's LUT (Fire, Green)
		out.setCalibration(src.getCalibration().copy());
		Object info = src.getProperty("Info");
		if (info != null) out.setProperty("Info", info);
		String[] props = src.getPropertiesAsArray();
		if (props != null)
			for (int i = 0; i + 1 < props.length; i += 2) out.setProp(props[i], props[i + 1]);
		if (src.getBitDepth() != 24 && !out.isComposite()) out.getProcessor().setMinAndMax(src.getDisplayRangeMin(), src.getDisplayRangeMax());
		return out;
	}
}
