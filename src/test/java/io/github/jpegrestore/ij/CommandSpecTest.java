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
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Each command's parameters are described once ({@link CommandSpec}); its SciJava twin must match
 * that description field by field, so the dialog, the macro parser and the twin cannot drift.
 */
class CommandSpecTest {
	@Test
	void everyTwinMatchesItsSpec() throws Exception {
		Set<String> titles = new HashSet<>();
		for (Object[] t : AnalysisCommands.TWINS) {
			Class<?> twin = (Class<?>) t[0];
			CommandSpec spec = (CommandSpec) t[1];
			titles.add(spec.title);
			Plugin plugin = twin.getAnnotation(Plugin.class);
			assertNotNull(plugin, twin + " is a SciJava plugin");
			assertEquals(spec.title, plugin.name(), twin + ": its name is the menu label");
			assertEquals("", plugin.menuPath(), twin + ": no menu path (the ImageJ 1 entry is the menu)");
			Object fresh = twin.getDeclaredConstructor().newInstance();
			for (Param p : spec.params) {
				Field f = twin.getField(p.key);
				Parameter a = f.getAnnotation(Parameter.class);
				assertNotNull(a, twin.getSimpleName() + "." + p.key + " is a @Parameter");
				assertFalse(a.persist(), twin.getSimpleName() + "." + p.key + " is not persisted");
				Object v = f.get(fresh);
				switch (p.kind) {
					case FLAG:
						assertEquals(boolean.class, f.getType(), p.key);
						assertEquals(Boolean.parseBoolean(p.def), v, twin.getSimpleName() + "." + p.key + " default");
						break;
					case INT:
						assertEquals(int.class, f.getType(), p.key);
						assertEquals(Integer.parseInt(p.def), v, twin.getSimpleName() + "." + p.key + " default");
						break;
					case IMAGE:
						assertEquals(ImagePlus.class, f.getType(), p.key);
						assertEquals(!p.optional, a.required(), twin.getSimpleName() + "." + p.key + " required");
						break;
					case CHOICE:
						assertArrayEquals(p.choices, a.choices(), twin.getSimpleName() + "." + p.key + " choices");
						assertEquals(p.def, v, twin.getSimpleName() + "." + p.key + " default");
						break;
					default:
						assertEquals(String.class, f.getType(), p.key);
						assertEquals(p.def, v, twin.getSimpleName() + "." + p.key + " default");
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
		assertEquals("90", DctViewerPlugin.SPEC.defaults().text("qf"), "one default for dialog, macro and twin");
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
}
