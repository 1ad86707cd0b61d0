package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record DeleteResponseCommand(Actor actor, String promptId, String responseId) {
}
