package dev.prompttracker.application.service;

import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;

/** Role checks: authorization is the application's rule, not the edge's. */
final class Roles {
    private Roles() {
    }

    /** The caller, if signed in as an administrator; {@code Unauthenticated} or {@code Forbidden} otherwise. */
    static Actor.SignedIn admin(Actor actor) {
        Actor.SignedIn signedIn = AuthService.signedIn(actor);
        if (!signedIn.isAdmin()) {
            throw new Forbidden("administrators only");
        }
        return signedIn;
    }
}
