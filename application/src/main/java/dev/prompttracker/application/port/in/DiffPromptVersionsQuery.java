package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** How version {@code from} of a prompt became version {@code to}. */
public record DiffPromptVersionsQuery(Actor actor, String promptId, int from, int to, ClientInfo client) {
    public DiffPromptVersionsQuery(Actor actor, String promptId, int from, int to) {
        this(actor, promptId, from, to, ClientInfo.UNKNOWN);
    }
}
