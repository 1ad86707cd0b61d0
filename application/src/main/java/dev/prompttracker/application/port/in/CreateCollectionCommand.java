package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record CreateCollectionCommand(Actor actor, String name, String description, boolean isPublic) {
}
