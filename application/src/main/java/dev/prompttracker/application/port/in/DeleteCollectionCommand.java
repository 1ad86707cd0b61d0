package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record DeleteCollectionCommand(Actor actor, String collectionId) {
}
