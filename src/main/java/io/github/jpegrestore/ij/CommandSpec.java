package io.github.jpegrestore.ij;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;

/**
 * A command's parameters, described once: the same description parses macro options, builds the
 * dialog (whose labels are the keys, so the recorder writes the options back) and reads the
 * SciJava twin's fields (named as the keys; a test checks that every twin matches its spec).
 */
public final class CommandSpec {
	public final String title;
	public final List<Param> params;

	public CommandSpec(String title, Param... params) {
		this.title = title;
		this.params = Collections.unmodifiableList(Arrays.asList(params));
	}

	public Param param(String key) {
		for (Param p : params)
			if (p.key.equals(key)) return p;
		throw new IllegalArgumentException(title + " has no parameter '" + key + "'");
	}

	String[] keys() {
		return params.stream().map(p -> p.key).toArray(String[]::new);
	}

	/** The values a command runs with, by key: String, Integer, Boolean or ImagePlus (null for none). */
	public static final class Values {
		final Map<String, Object> map = new LinkedHashMap<>();

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
		for (Param p : params) {
			if (p.kind == Param.Kind.IMAGE && images != null) {
				v.map.put(p.key, images.get(p.key));
				continue;
			}
			String s = given.get(p.key);
			if (p.kind == Param.Kind.FLAG) {
				v.map.put(p.key, s != null ? Boolean.parseBoolean(p.check(s)) : !flagsFromPresence && Boolean.parseBoolean(p.def));
				continue;
			}
			if (s == null) {
				if (p.kind == Param.Kind.IMAGE && !p.optional) throw new IllegalArgumentException(p.key + "= is required (the title of an open image)");
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

	/** The dialog, built from the description; null when canceled. */
	public Values dialog() {
		GenericDialog gd = new GenericDialog(title);
		for (Param p : params) {
			switch (p.kind) {
				case FLAG:
					gd.addCheckbox(p.key, Boolean.parseBoolean(p.def));
					break;
				case INT:
					gd.addNumericField(p.key, Integer.parseInt(p.def), 0, 6, "");
					break;
				case CHOICE:
					gd.addChoice(p.key, p.choices, p.def);
					break;
				case IMAGE: {
					String[] titles = Images.titles(p.optional);
					if (titles.length == 0) throw new IllegalArgumentException(p.key + ": open an image first");
					gd.addChoice(p.key, titles, p.optional ? Images.NONE : titles[Math.min(titles.length - 1, imageIndex(p))]);
					break;
				}
				default:
					gd.addStringField(p.key, p.def, 8);
			}
			if (!p.help.isEmpty()) gd.addMessage(p.help);
		}
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, String> given = new LinkedHashMap<>();
		for (Param p : params) {
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
					given.put(p.key, gd.getNextString());
			}
		}
		return typed(given, false);
	}

	/** Required images are offered in order: the first gets the first open image, the second the second. */
	private int imageIndex(Param p) {
		int i = 0;
		for (Param q : params) {
			if (q == p) return i;
			if (q.kind == Param.Kind.IMAGE && !q.optional) i++;
		}
		return 0;
	}

	/** The values of an ImageJ 1 call: the macro's options, else the dialog for a person, else the defaults; null when canceled. */
	public Values read() {
		String options = Macro.getOptions();
		if (options != null) return parse(options);
		if (PluginSupport.interactive()) return dialog();
		return defaults();
	}

	/** The values of a SciJava twin: its fields named as the keys (ImagePlus fields for images). */
	public Values fromFields(Object command) {
		Map<String, String> given = new LinkedHashMap<>();
		Map<String, ImagePlus> images = new LinkedHashMap<>();
		for (Param p : params) {
			Object v;
			try {
				Field f = command.getClass().getField(p.key);
				v = f.get(command);
			} catch (NoSuchFieldException | IllegalAccessException e) {
				throw new IllegalStateException(command.getClass().getName() + " lacks the public field '" + p.key + "' of " + title);
			}
			if (p.kind == Param.Kind.IMAGE) {
				ImagePlus imp = (ImagePlus) v;
				if (imp != null && (imp.getWidth() == 0 || imp.getStackSize() == 0)) imp = null; // SciJava's empty placeholder
				if (imp == null && !p.optional) throw new IllegalArgumentException(p.key + ": no image given");
				images.put(p.key, imp);
			} else if (v != null) given.put(p.key, String.valueOf(v));
		}
		return typed(given, false, images);
	}
}
