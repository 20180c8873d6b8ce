package io.github.jpegrestore.ij;

import java.awt.Color;
import java.awt.Font;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.ModelTask;
import io.github.jpegrestore.restore.Restorers;
import io.github.jpegrestore.spec.Setting;

/**
 * An ImageJ command built from the core's description of its options ({@code options.Catalog}):
 * the same {@link Setting}s parse macro options, build the dialog (whose labels are the keys, so
 * the recorder writes the options back; each field with its help, a folder with a Browse button,
 * the last values remembered per key in ImageJ's preferences, a Help button listing every option)
 * and read the SciJava twin's fields (named as the keys; a test checks that every twin matches).
 */
public final class CommandSpec {
	public final String title;
	public final List<Setting> params;
	/** The command works on the current image: "no image is open" is said before any dialog. */
	public final boolean needsImage;

	public CommandSpec(String title, boolean needsImage, List<Setting> params) {
		this.title = title;
		this.needsImage = needsImage;
		this.params = Collections.unmodifiableList(params);
	}

	public Setting param(String key) {
		for (Setting p : params)
			if (p.key.equals(key)) return p;
		throw new IllegalArgumentException(title + " has no parameter '" + key + "'");
	}

	String[] keys() {
		return params.stream().map(p -> p.key).toArray(String[]::new);
	}

	/** The values a command runs with, by key: String, Integer, Boolean or ImagePlus (null for none). */
	public static final class Values {
		final Map<String, Object> map = new LinkedHashMap<>();

		public boolean has(String key) {
			return map.containsKey(key);
		}

		public String text(String key) {
			return (String) map.get(key);
		}

		public int integer(String key) {
			return (Integer) map.get(key);
		}

		public boolean flag(String key) {
			return (Boolean) map.get(key);
		}

		public ImagePlus image(String key) {
			return (ImagePlus) map.get(key);
		}
	}

	private Values typed(Map<String, String> given, boolean flagsFromPresence) {
		return typed(given, flagsFromPresence, null);
	}

	/** {@code images} non-null: the images themselves (a twin's fields), not titles. */
	private Values typed(Map<String, String> given, boolean flagsFromPresence, Map<String, ImagePlus> images) {
		Values v = new Values();
		for (Setting p : params) {
			if (p.kind == Setting.Kind.IMAGE && images != null) {
				v.map.put(p.key, images.get(p.key));
				continue;
			}
			String s = given.get(p.key);
			if (p.kind == Setting.Kind.FLAG) {
				v.map.put(p.key, s != null ? Boolean.parseBoolean(p.check(s)) : !flagsFromPresence && Boolean.parseBoolean(p.def));
				continue;
			}
			if (s == null) {
				if (p.kind == Setting.Kind.IMAGE && !p.optional) throw new IllegalArgumentException(p.key + "= is required (the title of an open image)");
				s = p.def;
			}
			s = p.check(s);
			switch (p.kind) {
				case INT:
					v.map.put(p.key, Integer.parseInt(s));
					break;
				case IMAGE:
					v.map.put(p.key, Images.byTitle(s));
					break;
				default:
					v.map.put(p.key, s);
			}
		}
		return v;
	}

	/**
	 * Values from a macro options string. Unknown keys are refused (a typo is an error, not a
	 * silently ignored setting); as in every ImageJ command a checkbox is on when its key is present.
	 */
	public Values parse(String options) {
		MacroOptions o = new MacroOptions(options, keys());
		return typed(o.values(), true);
	}

	/** Every parameter at its default (a command run with no options and no dialog). */
	public Values defaults() {
		return typed(Collections.emptyMap(), false);
	}

	/** Where the dialog remembers a value: per command and key, in ImageJ's preferences (IJ_Prefs.txt). */
	String prefsKey(Setting p) {
		return "jpegrestore." + title.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(java.util.Locale.ROOT) + "." + p.key;
	}

	/** The value the dialog starts with: the last one given (when still valid), else the default. */
	String remembered(Setting p) {
		String last = Prefs.get(prefsKey(p), null);
		if (last == null) return p.def;
		try {
			return p.check(last);
		} catch (IllegalArgumentException e) {
			return p.def;
		}
	}

	static final Font HELP_FONT = new Font("SansSerif", Font.PLAIN, 11);
	/** Characters per line of a field's help: the dialog stays as wide as its fields, not as its longest help. */
	static final int HELP_WIDTH = 60;

	/** {@code text} broken into lines of at most {@code width} characters, at spaces. */
	static String wrap(String text, int width) {
		StringBuilder out = new StringBuilder();
		int line = 0;
		for (String word : text.split(" ")) {
			if (line > 0 && line + 1 + word.length() > width) {
				out.append('\n');
				line = 0;
			} else if (line > 0) {
				out.append(' ');
				line++;
			}
			out.append(word);
			line += word.length();
		}
		return out.toString();
	}
	static final Color HELP_COLOR = new Color(80, 80, 80);

	/** The dialog, built from the description; null when canceled. */
	public Values dialog() {
		GenericDialog gd = new GenericDialog(title);
		for (Setting p : params) {
			String start = p.kind == Setting.Kind.IMAGE ? p.def : remembered(p);
			switch (p.kind) {
				case FLAG:
					gd.addCheckbox(p.key, Boolean.parseBoolean(start));
					break;
				case INT:
					gd.addNumericField(p.key, Integer.parseInt(start), 0, 6, p.unit);
					break;
				case CHOICE:
					gd.addChoice(p.key, p.choices.toArray(new String[0]), start);
					break;
				case FOLDER:
					gd.addDirectoryField(p.key, start, Math.max(30, start.length() + 2));
					break;
				case IMAGE: {
					String[] titles = Images.titles(p.optional);
					if (titles.length == 0) throw new IllegalArgumentException(p.key + ": open an image first");
					gd.addChoice(p.key, titles, p.optional ? Setting.NONE : titles[Math.min(titles.length - 1, imageIndex(p))]);
					break;
				}
				default:
					if (p.model) gd.addChoice(p.key, modelChoices(p, start), start);
					else gd.addStringField(p.key, start, Math.max(12, start.length() + 2));
			}
			if (p.model) {
				gd.addToSameRow();
				gd.addMessage(wrap(p.help + "; your own models: " + ModelStore.userFolder(), HELP_WIDTH), HELP_FONT, HELP_COLOR);
			} else if (!p.help.isEmpty()) {
				// beside a checkbox, choice or number, so that a long dialog still fits a laptop's
				// screen; under a text field (ImageJ puts a message beside one out of the window)
				if (p.kind != Setting.Kind.TEXT && p.kind != Setting.Kind.FOLDER) gd.addToSameRow();
				gd.addMessage(wrap(p.help, HELP_WIDTH), HELP_FONT, HELP_COLOR);
			}
		}
		gd.addHelp(helpHtml());
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, String> given = new LinkedHashMap<>();
		for (Setting p : params) {
			switch (p.kind) {
				case FLAG:
					given.put(p.key, Boolean.toString(gd.getNextBoolean()));
					break;
				case INT:
					given.put(p.key, Long.toString(Math.round(gd.getNextNumber())));
					break;
				case CHOICE:
				case IMAGE:
					given.put(p.key, gd.getNextChoice());
					break;
				default:
					given.put(p.key, p.model ? gd.getNextChoice() : gd.getNextString());
			}
		}
		Values v = typed(given, false);
		for (Setting p : params)
			if (p.kind != Setting.Kind.IMAGE) Prefs.set(prefsKey(p), given.get(p.key));
		return v;
	}

	/**
	 * A model field's choice: the shipped models and the cards found in the model folders (the
	 * user's own last) of the default model's task, and the remembered value when it is a card path.
	 */
	static String[] modelChoices(Setting p, String start) {
		java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
		for (String like : p.modelsLike) {
			ModelTask task = ModelStore.taskOf(like);
			if (task != null) found.addAll(ModelStore.names(task, java.util.Arrays.asList(Restorers.NETWORKS.split(",\\s*"))));
		}
		List<String> names = new java.util.ArrayList<>(found);
		if (!names.contains(p.def)) names.add(0, p.def);
		if (!start.isEmpty() && !names.contains(start)) names.add(start);
		return names.toArray(new String[0]);
	}

	/** The Help button's page: the command's options as the description states them (it works offline). */
	String helpHtml() {
		StringBuilder b = new StringBuilder("<html><h2>").append(esc(title)).append("</h2><table>");
		for (Setting p : params) {
			b.append("<tr><td valign=top><b>").append(esc(p.key)).append("</b></td><td>").append(esc(p.help));
			if (p.choices != null) b.append("<br>choices: ").append(esc(String.join(", ", p.choices)));
			if (p.min != null) b.append("<br>range: ").append(p.min).append("..").append(p.max).append(p.unit.isEmpty() ? "" : " " + p.unit);
			if (p.kind != Setting.Kind.IMAGE) b.append("<br>default: ").append(esc(p.def.isEmpty() ? "(empty)" : p.def));
			b.append("</td></tr>");
		}
		return b.append("</table><p>In a macro: run(\"").append(esc(title)).append("\", \"key=value ...\"); a checkbox is on when its key is present. "
			+ "The same options on the command line: bin/jpeg-restore COMMAND --help (README).</p></html>").toString();
	}

	private static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** Required images are offered in order: the first gets the first open image, the second the second. */
	private int imageIndex(Setting p) {
		int i = 0;
		for (Setting q : params) {
			if (q == p) return i;
			if (q.kind == Setting.Kind.IMAGE && !q.optional) i++;
		}
		return 0;
	}

	/** The values of an ImageJ 1 call: the macro's options, else the dialog for a person, else the defaults; null when canceled. */
	public Values read() {
		if (needsImage && WindowManager.getCurrentImage() == null) throw new IllegalArgumentException("no image is open");
		String options = Macro.getOptions();
		if (options != null) return parse(options);
		if (interactive()) return dialog();
		return defaults();
	}

	/** The values of a SciJava twin: its fields named as the keys (ImagePlus fields for images). */
	public Values fromFields(Object command) {
		Map<String, String> given = new LinkedHashMap<>();
		Map<String, ImagePlus> images = new LinkedHashMap<>();
		for (Setting p : params) {
			Object v;
			try {
				Field f = command.getClass().getField(p.key);
				v = f.get(command);
			} catch (NoSuchFieldException | IllegalAccessException e) {
				throw new IllegalStateException(command.getClass().getName() + " lacks the public field '" + p.key + "' of " + title);
			}
			if (p.kind == Setting.Kind.IMAGE) {
				ImagePlus imp = (ImagePlus) v;
				if (imp != null && (imp.getWidth() == 0 || imp.getStackSize() == 0)) imp = null; // SciJava's empty placeholder
				if (imp == null && !p.optional) throw new IllegalArgumentException(p.key + ": no image given");
				images.put(p.key, imp);
			} else if (v != null) given.put(p.key, String.valueOf(v));
		}
		return typed(given, false, images);
	}

	/** A person at the screen: no macro options, not headless, not batch mode (a dialog may be shown). */
	static boolean interactive() {
		return ij.Macro.getOptions() == null && !java.awt.GraphicsEnvironment.isHeadless() && !ij.macro.Interpreter.isBatchMode();
	}
}
