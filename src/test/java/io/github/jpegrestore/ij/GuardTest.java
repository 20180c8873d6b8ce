package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

/**
 * The menu entries' guard loads on Java 8 and refuses there in one line. No Java 8 runtime can be
 * installed on the build machine (Debian 12 has none), so: its class file is Java 8's (major 52)
 * and references no newer class of the JDK, and its refusal is checked for Java 8's version strings.
 */
class GuardTest {
	static final String GUARD = "/" + Menu.GUARD.replace('.', '/') + ".class";

	@Test
	void guardIsJava8Bytecode() throws Exception {
		try (InputStream in = GuardTest.class.getResourceAsStream(GUARD); DataInputStream d = new DataInputStream(in)) {
			assertEquals(0xCAFEBABE, d.readInt());
			d.readUnsignedShort();
			assertEquals(52, d.readUnsignedShort(), "class file major version of Java 8");
		}
		try (InputStream in = GuardTest.class.getResourceAsStream("/" + RestoreLumaPlugin.class.getName().replace('.', '/') + ".class");
			DataInputStream d = new DataInputStream(in)) {
			d.readInt();
			d.readUnsignedShort();
			assertEquals(55, d.readUnsignedShort(), "the suite itself is Java 11 bytecode: what the guard protects");
		}
	}

	@Test
	void refusesJava8InOneLineAndRunsOnEleven() throws Exception {
		Class<?> g = Class.forName(Menu.GUARD);
		Method problem = g.getDeclaredMethod("problem", String.class, String.class);
		problem.setAccessible(true);
		String line = (String) problem.invoke(null, "1.8", "1.8.0_172");
		assertTrue(line.startsWith("JPEG Restore needs Java 11 or newer, and this Fiji runs Java 1.8.0_172: "), line);
		assertTrue(line.contains("Fiji Latest"), "says how to move to a current Fiji: " + line);
		assertEquals(-1, line.indexOf('\n'));
		assertNull(problem.invoke(null, "11", "11.0.2"));
		assertNull(problem.invoke(null, "17", "17.0.15"));
		assertNull(problem.invoke(null, "25", "25"));
		assertTrue(problem.invoke(null, "10", "10.0.1") != null);
	}
}
