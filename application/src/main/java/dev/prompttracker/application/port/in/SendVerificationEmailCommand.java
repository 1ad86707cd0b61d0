package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record SendVerificationEmailCommand(Actor actor, ClientInfo client) {
}
