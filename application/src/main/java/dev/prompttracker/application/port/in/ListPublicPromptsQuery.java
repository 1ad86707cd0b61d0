package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * The public feed; {@code tag} is optional (empty string = none). {@code actor} and {@code client} count
 * an anonymous page that has to reach the store.
 */
public record ListPublicPromptsQuery(int pageSize, String pageToken, String tag, Actor actor, ClientInfo client) {
    public ListPublicPromptsQuery(int pageSize, String pageToken, String tag) {
        this(pageSize, pageToken, tag, Actor.ANONYMOUS, ClientInfo.UNKNOWN);
    }
}
