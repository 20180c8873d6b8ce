package io.github.jpegrestore.cli;

import java.util.ArrayList;
import java.util.List;

import io.github.jpegrestore.spec.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's options built from the core's description ({@code options.Catalog}): a
 * subcommand lists its settings ({@link #settings}) and declares each as a bare {@code @Option}
 * (names and field only); {@link #apply} gives every such option its default, its help and a
 * check of its value (choices, bounds) from the {@link Setting}. What only the command line has
 * (--overwrite, --out, --csv) is described where it is declared. A subcommand's annotation text,
 * when it has one, is added after the setting's help (what the option means on the command line).
 */
interface Described {
	/** The settings this subcommand takes as options (by {@link Setting#cliName}). */
	List<Setting> settings();

	/** Describes the options of every subcommand of {@code cl} that is {@link Described}. */
	static void applyAll(CommandLine cl) {
		for (CommandLine sub : cl.getSubcommands().values()) {
			Object cmd = sub.getCommand();
			if (cmd instanceof Described) apply(sub.getCommandSpec(), ((Described) cmd).settings());
		}
	}

	/** Rebuilds each option of {@code spec} named as one of {@code settings} from that setting. */
	static void apply(CommandSpec spec, List<Setting> settings) {
		for (Setting s : settings) {
			OptionSpec o = spec.findOption(s.cliName());
			if (o == null) continue; // an image, say: a positional parameter on the command line
			List<String> text = new ArrayList<>();
			text.add(s.help);
			for (String d : o.description()) if (!d.isEmpty()) text.add(d);
			boolean valued = s.kind == Setting.Kind.TEXT || s.kind == Setting.Kind.INT || s.kind == Setting.Kind.CHOICE;
			String facts = (s.choices != null ? "one of " + String.join(", ", s.choices) : "")
				+ (valued && !s.def.isEmpty() ? (s.choices != null ? "; " : "") + "default " + s.def : "");
			OptionSpec.Builder b = o.toBuilder().description((String.join("; ", text) + (facts.isEmpty() ? "" : " (" + facts + ")")).replace("%", "%%"));
			if (valued) {
				if (!s.def.isEmpty() && !o.required()) b.defaultValue(s.def); // a required option (compress --qf) keeps no default
				Class<?> t = o.type();
				if (t == String.class) b.converters(v -> check(s, v));
				else if (t == int.class || t == Integer.class) b.converters(v -> Integer.valueOf(check(s, v)));
			}
			spec.remove(o);
			spec.addOption(b.build());
		}
	}

	/** The setting's check, its message as the one line picocli prints after "Invalid value for option". */
	static String check(Setting s, String value) {
		try {
			return s.check(value);
		} catch (IllegalArgumentException e) {
			throw new CommandLine.TypeConversionException(e.getMessage());
		}
	}
}
