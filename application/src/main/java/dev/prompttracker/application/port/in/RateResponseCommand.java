package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** Rate one response of a prompt 1–5 with an optional note; rating again replaces the caller's earlier rating. */
public record RateResponseCommand(Actor actor, String promptId, String responseId, int stars, String note,
                                  ClientInfo client) {
}
