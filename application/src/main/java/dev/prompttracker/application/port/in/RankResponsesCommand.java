package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.List;

/** Every response of a prompt in order, best first: stored as the pairwise preferences it implies. */
public record RankResponsesCommand(Actor actor, String promptId, List<String> responseIds, String reason,
                                   ClientInfo client) {
    public RankResponsesCommand {
        responseIds = List.copyOf(responseIds);
    }
}
