package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

/** {@code position}: where among the prompts the caller sees (0 first); the end when absent. */
public record AddPromptToCollectionCommand(Actor actor, String collectionId, String promptId,
                                           Optional<Integer> position, ClientInfo client) {
}
