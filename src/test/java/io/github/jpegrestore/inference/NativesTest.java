package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which platforms have natives, and the one line where none ship. */
class NativesTest {
	@Test
	void shippedPlatformsRunOthersAreRefusedInOneLine() {
		assertNull(Natives.problem("Linux", "amd64", null));
		assertNull(Natives.problem("Windows 11", "amd64", null));
		assertNull(Natives.problem("Mac OS X", "aarch64", null));
		String intelMac = Natives.problem("Mac OS X", "x86_64", null);
		assertTrue(intelMac.startsWith("JPEG Restore has no PyTorch library for Mac OS X on x86_64 (osx-x86_64): "), intelMac);
		assertEquals(-1, intelMac.indexOf('\n'));
		assertTrue(Natives.problem("Linux", "aarch64", "") != null, "Linux on ARM has none");
		assertNull(Natives.problem("Mac OS X", "x86_64", "/opt/libtorch/lib"), "a libtorch of the user's own");
		assertEquals("macos64", Natives.fijiPlatform("osx-x86_64"));
		assertEquals("macos-arm64", Natives.fijiPlatform("osx-aarch64"));
		assertEquals("linux64", Natives.fijiPlatform(Natives.classifier("Linux", "amd64")));
	}
}
