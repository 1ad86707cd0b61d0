package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** Read one prompt; {@code client} counts an anonymous read that has to reach the store. */
public record GetPromptQuery(Actor actor, String promptId, ClientInfo client) {
    public GetPromptQuery(Actor actor, String promptId) {
        this(actor, promptId, ClientInfo.UNKNOWN);
    }
}
