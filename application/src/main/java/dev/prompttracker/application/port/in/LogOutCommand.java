package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** End the caller's current session. */
public record LogOutCommand(Actor actor) {
}
