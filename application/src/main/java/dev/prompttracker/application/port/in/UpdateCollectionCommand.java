package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

/** Only the fields present change. */
public record UpdateCollectionCommand(Actor actor, String collectionId, Optional<String> name,
                                      Optional<String> description, Optional<Boolean> isPublic) {
}
