package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.spec.Keys;
import io.github.jpegrestore.spec.SettingConflict;

/** How a network restorer runs: the QF it is given, the quantization constraint, device, precision, tile and flip ensemble. */
public final class RestoreOptions {
	public QfChoice qf = QfChoice.AUTO;
	/** Project the restored Y back into the file's quantization bins (needs the JPEG file). */
	public boolean constrain;
	public DeviceChoice device = DeviceChoice.AUTO;
	public Precision precision = Precision.AUTO;
	/** For a color model: the model that restores Y (a luma or blind model's name or card); null = the one it was trained behind. */
	public String guide;
	/** Tile core size in pixels; 0 = chosen from the free memory. */
	public int tile;
	/**
	 * Restore Y four times, as it is and mirrored left-right, top-bottom and both, and average
	 * ({@link FlipEnsemble}): 4x the time of the Y network, two float planes of heap, a little more quality.
	 */
	public boolean ensemble;

	public RestoreOptions qf(QfChoice q) {
		this.qf = q;
		return this;
	}

	public RestoreOptions constrain(boolean c) {
		this.constrain = c;
		return this;
	}

	public RestoreOptions ensemble(boolean e) {
		this.ensemble = e;
		return this;
	}

	public RestoreOptions guide(String g) {
		this.guide = g;
		return this;
	}

	public RestoreOptions device(DeviceChoice d) {
		this.device = d;
		return this;
	}

	public RestoreOptions precision(Precision p) {
		this.precision = p;
		return this;
	}

	/** What a restorer's name gets for these options in tables and logs: "+ens" (ensemble), "+qc" (constraint). */
	public String nameSuffix() {
		return (ensemble ? "+ens" : "") + (constrain ? "+qc" : "");
	}

	/** A copy with another QF choice (a QF sweep restores under each QF with otherwise the same options). */
	public RestoreOptions withQf(QfChoice q) {
		return new RestoreOptions().constrain(constrain).device(device).precision(precision).tile(tile).guide(guide).ensemble(ensemble).qf(q);
	}

	/**
	 * The rules between these options and the input, checked by the core whichever front end
	 * called it (every restorer runs it before its work): the constraint and qf=file need the
	 * image's JPEG file.
	 */
	public void validate(io.github.jpegrestore.jpeg.JpegInfo jpeg) {
		if (constrain && jpeg == null)
			throw new SettingConflict("%1$s needs the image's JPEG file (its quantization tables and grid); this image was not opened from one", Keys.CONSTRAIN);
		qf.check(jpeg);
	}

	/** Smallest and largest tile core a user may ask for: below 64 px the halo makes it many times slower. */
	public static final int MIN_TILE = 64, MAX_TILE = 8192;

	/** The tile sizes a user may give, in words. */
	public static final String TILE_RANGE = "0 (from the free memory) or " + MIN_TILE + ".." + MAX_TILE;

	public RestoreOptions tile(int t) {
		this.tile = checkTile(t);
		return this;
	}

	/** The one tile rule ({@link #TILE_RANGE}); returns the value. */
	public static int checkTile(int t) {
		if (t != 0 && (t < MIN_TILE || t > MAX_TILE))
			throw new IllegalArgumentException("tile must be " + TILE_RANGE + " px, got " + t);
		return t;
	}
}
