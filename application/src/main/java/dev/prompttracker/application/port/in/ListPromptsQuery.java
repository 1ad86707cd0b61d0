package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * The caller's prompts, newest update first; {@code tag} is an optional filter (empty string = none).
 * Searching the list by text is {@link SearchPromptsUseCase} with scope {@code own}.
 */
public record ListPromptsQuery(Actor actor, int pageSize, String pageToken, String tag) {
}
