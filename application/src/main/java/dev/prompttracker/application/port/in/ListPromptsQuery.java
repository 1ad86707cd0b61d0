package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** The caller's prompts; {@code tag} and {@code text} are optional filters (empty string = none). */
public record ListPromptsQuery(Actor actor, int pageSize, String pageToken, String tag, String text) {
}
