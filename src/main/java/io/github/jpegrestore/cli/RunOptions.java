package io.github.jpegrestore.cli;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.restore.RestoreOptions;
import picocli.CommandLine.Option;

/** The options every command that runs a restorer shares (a picocli mixin; described by options.Catalog through {@link Described}). */
final class RunOptions {
	@Option(names = "--constrain") boolean constrain;
	@Option(names = "--device") String device;
	@Option(names = "--precision") String precision;
	@Option(names = "--ensemble") boolean ensemble;
	@Option(names = "--tile") int tile;
	@Option(names = "--guide") String guide;

	RestoreOptions options() {
		return new RestoreOptions().constrain(constrain).device(DeviceChoice.fromLabel(device)).precision(Precision.fromLabel(precision)).tile(tile).guide(guide).ensemble(ensemble);
	}
}
