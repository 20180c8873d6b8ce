package io.github.jpegrestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.options.Catalog;
import io.github.jpegrestore.spec.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's options are the core's description ({@link Catalog}): every option of a
 * described subcommand is either a setting (default, help and value check from it) or one the
 * command line alone has; and a changed description changes the option.
 */
class DescribedTest {
	/** Options only the command line has (files and folders it writes, its own switches). */
	static final Set<String> CLI_ONLY = Set.of("--help", "--version", "--overwrite", "--out", "--part", "--csv", "--size", "--runs", "--rgb", "--blind");

	static CommandLine described() {
		CommandLine cl = new CommandLine(new Main());
		Described.applyAll(cl);
		return cl;
	}

	@Test
	void everyOptionIsASettingOrTheCommandLinesOwn() {
		int checked = 0;
		for (CommandLine sub : described().getSubcommands().values()) {
			if (!(sub.getCommand() instanceof Described)) continue;
			List<Setting> settings = ((Described) sub.getCommand()).settings();
			for (OptionSpec o : sub.getCommandSpec().options()) {
				Setting s = null;
				for (Setting c : settings)
					for (String n : o.names()) if (n.equals(c.cliName())) s = c;
				String where = sub.getCommandName() + " " + o.longestName();
				if (s == null) {
					assertTrue(CLI_ONLY.contains(o.longestName()) || o.longestName().equals("--data"), where + " is neither a setting nor the command line's own");
					continue;
				}
				assertTrue(String.join(" ", o.description()).startsWith(s.help.replace("%", "%%")), where + " help: " + String.join(" ", o.description()));
				boolean valued = s.kind == Setting.Kind.TEXT || s.kind == Setting.Kind.INT || s.kind == Setting.Kind.CHOICE;
				if (valued && !s.def.isEmpty() && !o.required()) assertEquals(s.def, o.defaultValue(), where + " default");
				checked++;
			}
		}
		assertTrue(checked >= 30, "options checked: " + checked);
	}

	@Test
	void restoreBatchBenchmarkAndThroughputTakeTheRestoreSettings() {
		CommandLine cl = described();
		for (String cmd : new String[] { "restore", "batch", "throughput" })
			for (Setting s : Catalog.RESTORE_CLI) {
				if (cmd.equals("throughput") && (s.key.equals("qf") || s.key.equals("sweep"))) continue;
				if (cmd.equals("batch") && s.key.equals("sweep")) continue;
				assertNotNull(cl.getSubcommands().get(cmd).getCommandSpec().findOption(s.cliName()), cmd + " " + s.cliName());
			}
		for (Setting s : Catalog.BENCHMARK)
			assertNotNull(cl.getSubcommands().get("benchmark").getCommandSpec().findOption(s.cliName()), "benchmark " + s.cliName());
	}

	/** Choices and bounds are checked from the description: a bad value is a usage error (exit 2) that names the choices. */
	@Test
	void valuesAreCheckedByTheDescription() {
		StringWriter err = new StringWriter();
		int rc = Main.execute(new String[] { "restore", "--device", "tpu", "a.jpg", "b.png" }, new PrintWriter(new StringWriter()), new PrintWriter(err));
		assertEquals(Exit.USAGE, rc);
		assertTrue(err.toString().contains("auto, cpu, gpu"), err.toString());
		err = new StringWriter();
		rc = Main.execute(new String[] { "restore", "--tile", "9000", "a.jpg", "b.png" }, new PrintWriter(new StringWriter()), new PrintWriter(err));
		assertEquals(Exit.USAGE, rc);
		assertTrue(err.toString().contains("64..8192"), err.toString());
	}

	/** The proof that the description is the one place: a changed default there is the option's default. */
	@Test
	void aChangedDescriptionChangesTheOption() {
		List<Setting> changed = new ArrayList<>(Catalog.RESTORE_CLI);
		changed.replaceAll(s -> s.key.equals("tile") ? s.withDefault("512") : s.key.equals("model") ? s.withDefault("luma-hq") : s);
		RestoreCommand cmd = new RestoreCommand();
		CommandLine cl = new CommandLine(cmd);
		Described.apply(cl.getCommandSpec(), changed);
		cl.parseArgs("in.jpg", "out.png");
		assertEquals(512, cmd.run.tile);
		assertEquals("luma-hq", cmd.model);
		RestoreCommand shipped = new RestoreCommand();
		CommandLine c2 = new CommandLine(shipped);
		Described.apply(c2.getCommandSpec(), Catalog.RESTORE_CLI);
		c2.parseArgs("in.jpg", "out.png");
		assertEquals(0, shipped.run.tile);
		assertEquals("luma", shipped.model);
	}

	/** The model list the help gives (one constant) names every model the suite ships. */
	@Test
	void everyShippedModelIsNamedInTheHelp() throws Exception {
		List<String> named = List.of(io.github.jpegrestore.restore.Restorers.NETWORKS.split(",\\s*"));
		int n = 0;
		try (java.util.stream.Stream<java.nio.file.Path> cards = java.nio.file.Files.list(java.nio.file.Path.of("models"))) {
			for (java.nio.file.Path c : (Iterable<java.nio.file.Path>) cards.filter(p -> p.toString().endsWith(".json"))::iterator) {
				String name = c.getFileName().toString().replaceAll("\\.json$", "");
				assertTrue(named.contains(name), name + " is in Restorers.NETWORKS " + named);
				n++;
			}
		}
		assertTrue(n >= 4, "shipped cards: " + n);
		assertTrue(Catalog.MODEL.help.contains(io.github.jpegrestore.restore.Restorers.NETWORKS));
	}
}
