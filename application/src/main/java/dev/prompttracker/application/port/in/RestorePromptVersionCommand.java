package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

/** Make an earlier version's title and text current again, as a new version ("restored vN" unless a message is given). */
public record RestorePromptVersionCommand(Actor actor, String promptId, int number, Optional<String> message) {
}
