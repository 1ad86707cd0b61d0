package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * One page of preference pairs to export; {@code pageToken} is the previous page's
 * {@code nextPageToken} (empty for the first), {@code pageSize} 0 for the default.
 */
public record ExportPreferencesQuery(Actor actor, String scope, String pageToken, int pageSize, ClientInfo client) {
}
