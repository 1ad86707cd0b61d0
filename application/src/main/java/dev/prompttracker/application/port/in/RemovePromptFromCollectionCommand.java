package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record RemovePromptFromCollectionCommand(Actor actor, String collectionId, String promptId) {
}
