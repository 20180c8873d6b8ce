package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own models: where a bare name is written, what a dialog offers, how a name is found. */
class ModelStoreTest {
	@TempDir
	Path tmp;
	Path user;

	@BeforeEach
	void userFolder() {
		user = tmp.resolve("my-models");
		System.setProperty("jpegrestore.user.models", user.toString());
	}

	@AfterEach
	void clear() {
		System.clearProperty("jpegrestore.user.models");
	}

	static final List<String> SHIPPED = List.of("luma", "luma-hq", "color", "blind");

	@Test
	void aBareNameIsACardInTheUserFolderMadeWhenMissing() {
		assertFalse(Files.exists(user));
		assertEquals(user.resolve("em-tuned.json"), ModelStore.newCard(" EM-Tuned "));
		assertTrue(Files.isDirectory(user));
		assertEquals(Path.of("some/where/mine.json"), ModelStore.newCard("some/where/mine.json"));
		assertEquals(Path.of("mine.json"), ModelStore.newCard("mine.json"));
	}

	@Test
	void aShippedNameOrAStrangeOneIsRefused() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelStore.newCard("luma"));
		assertTrue(e.getMessage().contains("choose another name"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> ModelStore.newCard("my model"));
		assertThrows(IllegalArgumentException.class, () -> ModelStore.newCard("-x"));
	}

	@Test
	void theChoiceOffersShippedModelsOfTheTaskThenTheUsersCards() throws Exception {
		ModelCard luma = ModelStore.find("luma");
		Files.createDirectories(user);
		Files.copy(luma.dir.resolve("luma.json"), user.resolve("em-tuned.json"));
		Files.writeString(user.resolve("junk.json"), "{ not a card");
		Files.copy(ModelStore.find("color").dir.resolve("color.json"), user.resolve("my-color.json"));
		List<String> names = ModelStore.names(ModelTask.LUMA, SHIPPED);
		assertEquals(List.of("luma", "luma-hq"), names.subList(0, 2), names.toString());
		assertTrue(names.contains("em-tuned"), names.toString());
		assertFalse(names.contains("junk") || names.contains("my-color") || names.contains("color") || names.contains("blind"), names.toString());
		assertEquals(names.size(), names.stream().distinct().count(), "each name once: " + names);
		assertTrue(ModelStore.names(ModelTask.COLOR, SHIPPED).contains("my-color"));
		// the name the dialog offers is the one find resolves, to the user's card
		assertEquals(user.toAbsolutePath(), ModelStore.find("em-tuned").dir);
		// and the user's folder never shadows a shipped model
		Files.copy(luma.dir.resolve("luma.json"), user.resolve("luma-hq.json"));
		assertFalse(ModelStore.find("luma-hq").dir.equals(user.toAbsolutePath()));
	}
}
