package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record GetPromptRatingsQuery(Actor actor, String promptId, ClientInfo client) {
}
