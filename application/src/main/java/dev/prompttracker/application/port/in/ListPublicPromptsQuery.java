package dev.prompttracker.application.port.in;

/** The public feed; {@code tag} is optional (empty string = none). */
public record ListPublicPromptsQuery(int pageSize, String pageToken, String tag) {
}
