package dev.prompttracker.domain.auth;

import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/** Who is asking: nobody in particular, or a signed-in user within one session. */
public sealed interface Actor permits Actor.Anonymous, Actor.SignedIn {

    Anonymous ANONYMOUS = new Anonymous();

    Optional<UserId> userId();

    record Anonymous() implements Actor {
        @Override
        public Optional<UserId> userId() {
            return Optional.empty();
        }
    }

    /**
     * @param emailVerified whether the account's address was proven when the access token was issued
     */
    record SignedIn(UserId id, Email email, boolean emailVerified, Role role, SessionId sessionId) implements Actor {
        public SignedIn {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(sessionId, "sessionId");
        }

        @Override
        public Optional<UserId> userId() {
            return Optional.of(id);
        }

        public boolean isAdmin() {
            return role == Role.ADMIN;
        }

        /** The address, for data keyed by it; {@link Forbidden} until the address is proven. */
        public Email provenEmail() {
            if (!emailVerified) {
                throw Forbidden.emailNotVerified();
            }
            return email;
        }
    }
}
