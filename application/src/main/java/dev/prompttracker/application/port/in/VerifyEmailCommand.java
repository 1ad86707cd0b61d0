package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * The token of a verification link, and who presents it: a session of the same account keeps the
 * password it knows; anyone else's proof removes a password set before the address was proven.
 */
public record VerifyEmailCommand(String token, Actor actor, ClientInfo client) {
    @Override
    public String toString() {
        return "VerifyEmailCommand[redacted]";
    }
}
