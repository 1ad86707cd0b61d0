package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * Trade the token of a magic link for a session. {@code actor} is whoever else the request says it is
 * (usually anonymous): a session of the same account keeps the password it knows when the link proves
 * the address.
 */
public record VerifyMagicLinkCommand(String token, Actor actor, ClientInfo client) {
    public VerifyMagicLinkCommand(String token, ClientInfo client) {
        this(token, Actor.ANONYMOUS, client);
    }

    @Override
    public String toString() {
        return "VerifyMagicLinkCommand[redacted]";
    }
}
