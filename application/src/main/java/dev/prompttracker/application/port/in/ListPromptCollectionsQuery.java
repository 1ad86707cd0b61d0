package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** Which of the caller's collections hold a prompt the caller may read. */
public record ListPromptCollectionsQuery(Actor actor, String promptId) {
}
