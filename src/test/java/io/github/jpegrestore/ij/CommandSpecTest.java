package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.jpegrestore.options.Catalog;
import io.github.jpegrestore.spec.Setting;

/**
 * Each command's parameters are described once, in the core ({@code options.Catalog}); the ImageJ
 * command is built from that description, and its SciJava twin must match it field by field
 * (name, type, default, choices, bounds, help), so the dialog, the macro parser and the twin
 * cannot drift.
 */
class CommandSpecTest {
	/** Every twin with the spec of its menu command (the registry lives here, not in the product). */
	static final List<Object[]> TWINS = List.of(
		new Object[] { RestoreLumaCommand.class, RestoreOp.LUMA },
		new Object[] { RestoreColorCommand.class, RestoreOp.COLOR },
		new Object[] { RestoreBlindCommand.class, RestoreOp.BLIND },
		new Object[] { AnalysisCommands.QualityMetrics.class, QualityMetricsPlugin.SPEC },
		new Object[] { AnalysisCommands.EstimateQuality.class, EstimateQualityPlugin.SPEC },
		new Object[] { AnalysisCommands.PatchAnalysis.class, PatchAnalysisPlugin.SPEC },
		new Object[] { AnalysisCommands.DctViewer.class, DctViewerPlugin.SPEC },
		new Object[] { AnalysisCommands.SimulateCompression.class, SimulateCompressionPlugin.SPEC },
		new Object[] { AnalysisCommands.RestoreBenchmark.class, BenchmarkPlugin.SPEC },
		new Object[] { AnalysisCommands.FineTune.class, FineTunePlugin.SPEC });

	@Test
	void everyTwinMatchesItsSpec() throws Exception {
		Set<String> titles = new HashSet<>();
		for (Object[] t : TWINS) {
			Class<?> twin = (Class<?>) t[0];
			CommandSpec spec = (CommandSpec) t[1];
			titles.add(spec.title);
			Plugin plugin = twin.getAnnotation(Plugin.class);
			assertNotNull(plugin, twin + " is a SciJava plugin");
			assertEquals(spec.title, plugin.name(), twin + ": its name is the menu label");
			assertEquals("", plugin.menuPath(), twin + ": no menu path (the ImageJ 1 entry is the menu)");
			Object fresh = twin.getDeclaredConstructor().newInstance();
			for (Setting p : spec.params) {
				String where = twin.getSimpleName() + "." + p.key;
				Field f = twin.getField(p.key);
				Parameter a = f.getAnnotation(Parameter.class);
				assertNotNull(a, where + " is a @Parameter");
				assertFalse(a.persist(), where + " is not persisted");
				assertEquals(p.key, a.label(), where + " label");
				assertEquals(p.help, a.description(), where + " help");
				Object v = f.get(fresh);
				switch (p.kind) {
					case FLAG:
						assertEquals(boolean.class, f.getType(), where);
						assertEquals(p.flagDefault(), v, where + " default");
						break;
					case INT:
						assertEquals(int.class, f.getType(), where);
						assertEquals(p.intDefault(), v, where + " default");
						assertEquals(String.valueOf(p.min), a.min(), where + " min");
						assertEquals(String.valueOf(p.max), a.max(), where + " max");
						break;
					case IMAGE:
						assertEquals(ImagePlus.class, f.getType(), where);
						assertEquals(!p.optional, a.required(), where + " required");
						break;
					case CHOICE:
						assertArrayEquals(p.choices.toArray(new String[0]), a.choices(), where + " choices");
						assertEquals(p.def, v, where + " default");
						break;
					default:
						assertEquals(String.class, f.getType(), where);
						assertEquals(p.def, v, where + " default");
				}
			}
			// no input the spec does not know, beyond the main image and services
			for (Field f : twin.getFields()) {
				Parameter a = f.getAnnotation(Parameter.class);
				if (a == null || a.type() == ItemIO.OUTPUT || Modifier.isStatic(f.getModifiers())) continue;
				if (f.getName().equals("imp") || org.scijava.service.Service.class.isAssignableFrom(f.getType())) continue;
				spec.param(f.getName());
			}
		}
		assertEquals(Menu.commands().keySet(), titles, "every menu command has a twin");
	}

	/**
	 * The ImageJ command is built from the description it is given: a changed default there is
	 * the dialog's and the macro's default, and a changed choice list is what the macro accepts.
	 */
	@Test
	void aChangedDescriptionChangesTheCommand() {
		List<Setting> changed = new java.util.ArrayList<>(Catalog.restore("luma"));
		changed.replaceAll(s -> s.key.equals("tile") ? s.withDefault("512") : s);
		CommandSpec spec = new CommandSpec("test", true, changed);
		assertEquals(512, spec.defaults().integer("tile"));
		assertEquals(512, spec.parse("qf=auto").integer("tile"), "a macro that leaves tile out gets the new default");
		assertEquals(0, RestoreOp.LUMA.parse("qf=auto").integer("tile"), "the shipped default");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> spec.parse("tile=9000")).getMessage().contains("64..8192"), "bounds from the description");
		assertTrue(spec.helpHtml().contains("tile") && spec.helpHtml().contains(Catalog.H_TILE), "the Help page is the description");
	}

	@Test
	void macroOptionsAreCheckedAgainstTheSpec() {
		CommandSpec.Values v = SimulateCompressionPlugin.SPEC.parse("qf=35 subsampling=444");
		assertEquals(35, v.integer("qf"));
		assertEquals("444", v.text("subsampling"));
		assertEquals(0, v.integer("then_qf"), "default");
		assertEquals("0,0", v.text("shift"), "default");
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulateCompressionPlugin.SPEC.parse("qf=x")).getMessage().contains("whole number"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulateCompressionPlugin.SPEC.parse("subsampling=422")).getMessage().contains("420, 444"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> SimulateCompressionPlugin.SPEC.parse("quality=3")).getMessage().contains("unknown option"));
		// flags: present = on (ImageJ's convention for recorded macros); defaults when nothing is given
		CommandSpec.Values d = DctViewerPlugin.SPEC.parse("blocks qf=90");
		assertTrue(d.flag("blocks"));
		assertFalse(d.flag("bands"));
		assertTrue(DctViewerPlugin.SPEC.defaults().flag("bands"));
		assertEquals("file", DctViewerPlugin.SPEC.defaults().text("qf"), "one default for dialog, macro, twin and command line");
		assertEquals("color", RestoreOp.COLOR.defaults().text("model"));
		assertEquals("luma", RestoreOp.LUMA.defaults().text("model"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> QualityMetricsPlugin.SPEC.parse("y=full")).getMessage().contains("reference= is required"));
	}

	@Test
	void pluginsConfigIsWrittenFromTheLabels() {
		String cfg = Menu.pluginsConfig();
		for (String label : Menu.commands().keySet()) assertTrue(cfg.contains("\"" + label + "\""), label);
		assertEquals(Menu.commands().size(), cfg.lines().filter(l -> l.startsWith("Plugins>JPEG Restore, ")).count());
	}

	@Test
	void modelChoicesOfferTheCommandsKinds() {
		List<String> luma = List.of(CommandSpec.modelChoices(Catalog.MODEL, "luma"));
		assertTrue(luma.containsAll(List.of("luma", "luma-hq")) && !luma.contains("color"), luma.toString());
		List<String> color = List.of(CommandSpec.modelChoices(Catalog.MODEL.withDefault("color"), "color"));
		assertTrue(color.contains("color") && !color.contains("luma"), color.toString());
		List<String> tune = List.of(CommandSpec.modelChoices(Catalog.TUNE_MODEL, "luma"));
		assertTrue(tune.containsAll(List.of("luma", "color")), "Fine-tune trains luma and color models: " + tune);
		// a card path remembered from the last run stays selectable
		assertTrue(List.of(CommandSpec.modelChoices(Catalog.MODEL, "/data/mine.json")).contains("/data/mine.json"));
	}
}
