package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** A page of a prompt's versions, newest first; {@code client} counts an anonymous read that reaches the store. */
public record ListPromptVersionsQuery(Actor actor, String promptId, int pageSize, String pageToken,
                                      ClientInfo client) {
    public ListPromptVersionsQuery(Actor actor, String promptId, int pageSize, String pageToken) {
        this(actor, promptId, pageSize, pageToken, ClientInfo.UNKNOWN);
    }
}
