package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** A prompt's responses, optionally of one model; {@code client} counts an anonymous read that reaches the store. */
public record ListResponsesQuery(Actor actor, String promptId, String modelName, ClientInfo client) {
    public ListResponsesQuery(Actor actor, String promptId, String modelName) {
        this(actor, promptId, modelName, ClientInfo.UNKNOWN);
    }
}
