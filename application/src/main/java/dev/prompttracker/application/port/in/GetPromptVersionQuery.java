package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** One version of a prompt, with its text. */
public record GetPromptVersionQuery(Actor actor, String promptId, int number, ClientInfo client) {
    public GetPromptVersionQuery(Actor actor, String promptId, int number) {
        this(actor, promptId, number, ClientInfo.UNKNOWN);
    }
}
