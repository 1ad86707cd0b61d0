package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** {@code currentPassword} is required when the account has a password, and ignored (may be empty) otherwise. */
public record SetPasswordCommand(Actor actor, String currentPassword, String newPassword, ClientInfo client) {
    @Override
    public String toString() {
        return "SetPasswordCommand[redacted]";
    }
}
