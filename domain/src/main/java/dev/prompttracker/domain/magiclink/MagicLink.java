package dev.prompttracker.domain.magiclink;

import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use sign-in link sent by email. Only the hash of its token is stored. It is issued, then
 * either used once or left to expire; neither a used nor an expired link works again.
 */
public sealed interface MagicLink permits MagicLink.Issued, MagicLink.Used, MagicLink.Expired {
    TokenHash tokenHash();

    Email email();

    MagicLinkPurpose purpose();

    Instant expiresAt();

    record Issued(TokenHash tokenHash, Email email, MagicLinkPurpose purpose, Instant issuedAt, Instant expiresAt)
            implements MagicLink {
        public Issued {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (!expiresAt.isAfter(issuedAt)) {
                throw new IllegalArgumentException("a link must expire after it is issued");
            }
        }

        public static Issued now(TokenHash tokenHash, Email email, MagicLinkPurpose purpose, Instant now) {
            return new Issued(tokenHash, email, purpose, now, now.plus(purpose.lifetime()));
        }
    }

    record Used(TokenHash tokenHash, Email email, MagicLinkPurpose purpose, Instant expiresAt, Instant usedAt)
            implements MagicLink {
        public Used {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(usedAt, "usedAt");
        }
    }

    record Expired(TokenHash tokenHash, Email email, MagicLinkPurpose purpose, Instant expiresAt) implements MagicLink {
        public Expired {
            Objects.requireNonNull(tokenHash, "tokenHash");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
