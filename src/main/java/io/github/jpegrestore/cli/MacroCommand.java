package io.github.jpegrestore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.jpegrestore.ij.MacroRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "macro", mixinStandardHelpOptions = true,
	description = "Run an ImageJ macro headless with the suite's commands installed (batch mode, no display needed).")
final class MacroCommand implements Callable<Integer> {
	@Parameters(index = "0", description = "macro file (.ijm)") Path file;
	@Parameters(index = "1", arity = "0..1", description = "the macro's getArgument()") String argument;

	@Override
	public Integer call() {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			throw new IllegalArgumentException(file + ": no such file");
		} catch (IOException e) {
			throw new Exit.CliFailure(file + ": cannot read: " + e.getMessage());
		}
		System.setProperty("java.awt.headless", "true");
		String error = MacroRunner.run(text, argument == null ? "" : argument);
		if (error != null) throw new Exit.CliFailure(error);
		return Exit.OK;
	}
}
