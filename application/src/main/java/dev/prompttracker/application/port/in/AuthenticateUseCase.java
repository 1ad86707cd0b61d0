package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** Turns a bearer token into the caller, in process: no store is read per request. */
public interface AuthenticateUseCase {
    /** The signed-in caller; {@code Unauthenticated} for a bad, expired or revoked token. */
    Actor.SignedIn authenticate(String accessToken);
}
