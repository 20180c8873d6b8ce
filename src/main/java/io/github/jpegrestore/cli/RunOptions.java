package io.github.jpegrestore.cli;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.restore.RestoreOptions;
import picocli.CommandLine.Option;

/** The options every command that runs a restorer shares (a picocli mixin). */
final class RunOptions {
	@Option(names = "--constrain", description = "project the restored Y back into the file's quantization bins") boolean constrain;
	@Option(names = "--device", defaultValue = "auto", description = "auto | cpu | gpu") String device;
	@Option(names = "--precision", defaultValue = "auto", description = "auto (bf16 on CPUs with bf16 arithmetic when the model has a bf16 variant) | fp32 | bf16") String precision;
	@Option(names = "--ensemble", description = RestoreOptions.ENSEMBLE_HELP) boolean ensemble;
	@Option(names = "--tile", defaultValue = "0", description = "tile size in pixels (0 = from free memory)") int tile;

	@Option(names = "--guide", description = "color models: the model that restores Y (luma, luma-hq, blind, or a card path; default: the one the color model was trained behind)") String guide;

	RestoreOptions options() {
		return new RestoreOptions().constrain(constrain).device(DeviceChoice.fromLabel(device)).precision(Precision.fromLabel(precision)).tile(tile).guide(guide).ensemble(ensemble);
	}
}
