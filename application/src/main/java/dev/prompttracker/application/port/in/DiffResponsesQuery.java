package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** How response {@code a} of a prompt differs from response {@code b} (a is the "from" side). */
public record DiffResponsesQuery(Actor actor, String promptId, String a, String b, ClientInfo client) {
    public DiffResponsesQuery(Actor actor, String promptId, String a, String b) {
        this(actor, promptId, a, b, ClientInfo.UNKNOWN);
    }
}
