package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** One response of a prompt preferred over another, with an optional reason; replaces the caller's earlier judgement of the pair. */
public record PreferResponseCommand(Actor actor, String promptId, String chosenResponseId, String rejectedResponseId,
                                    String reason, ClientInfo client) {
}
