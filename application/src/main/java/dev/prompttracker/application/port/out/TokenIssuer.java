package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Signs and verifies short-lived access tokens, entirely in process. */
public interface TokenIssuer {

    String issue(AccessGrant grant);

    /** The grant of a token that is well-formed, correctly signed and current; empty for anything else. */
    Optional<AccessGrant> verify(String token);

    /** What an access token says: who (and whether their address was proven), in which session, and for how long. */
    record AccessGrant(UserId userId, Email email, boolean emailVerified, Role role, SessionId sessionId,
                       String tokenId, Instant issuedAt, Instant expiresAt) {
        public AccessGrant {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (!expiresAt.isAfter(issuedAt)) {
                throw new IllegalArgumentException("a grant must expire after it is issued");
            }
        }
    }
}
