package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** A prompt's responses, optionally of one model only (empty string = all). */
public record ListResponsesQuery(Actor actor, String promptId, String modelName) {
}
