package dev.prompttracker.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An account. Its email address is trusted only once proven by a link sent to it; until then the
 * account works for its own prompts, but nothing keyed by the address is open to it and it is never
 * an administrator. A user created through a magic link has no password and a proven address.
 *
 * @param sessionsValidFrom sessions created before this instant are void (set when proving the
 *                          address ended every session of a possibly pre-hijacked account)
 */
public record User(UserId id, Username username, Email email, Optional<PasswordHash> passwordHash,
                   Optional<Instant> emailVerifiedAt, Optional<Instant> sessionsValidFrom,
                   Instant createdAt, Instant updatedAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(emailVerifiedAt, "emailVerifiedAt");
        Objects.requireNonNull(sessionsValidFrom, "sessionsValidFrom");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A password account: its address is only claimed, not proven. */
    public static User registered(UserId id, Username username, Email email, PasswordHash hash, Instant now) {
        return new User(id, username, email, Optional.of(hash), Optional.empty(), Optional.empty(), now, now);
    }

    /** An account made by following a link sent to the address, which proves it. */
    public static User provenByLink(UserId id, Username username, Email email, Instant now) {
        return new User(id, username, email, Optional.empty(), Optional.of(now), Optional.empty(), now, now);
    }

    public boolean emailVerified() {
        return emailVerifiedAt.isPresent();
    }

    /** ADMIN only for a proven address on the list; evaluated whenever tokens are issued, never stored. */
    public Role roleGiven(Set<Email> adminEmails) {
        return emailVerified() && adminEmails.contains(email) ? Role.ADMIN : Role.USER;
    }

    /** Whether a session created at {@code createdAt} still counts for this account. */
    public boolean acceptsSessionCreatedAt(Instant createdAt) {
        return sessionsValidFrom.map(from -> !createdAt.isBefore(from)).orElse(true);
    }

    public User withPasswordHash(PasswordHash hash, Instant now) {
        return new User(id, username, email, Optional.of(hash), emailVerifiedAt, sessionsValidFrom, createdAt, now);
    }

    /**
     * The address is proven now. A password set while it was unproven may be someone else's (an
     * attacker who registered the address first: account pre-hijacking), so it is removed and every
     * session ends — unless the proof came from a session of this very account, whose holder knows
     * that password and now also controls the mailbox.
     */
    public EmailProof proveEmail(Instant now, boolean fromOwnSession) {
        if (emailVerified()) {
            return new EmailProof(this, false);
        }
        boolean distrustPassword = passwordHash.isPresent() && !fromOwnSession;
        User proven = new User(id, username, email,
                distrustPassword ? Optional.empty() : passwordHash,
                Optional.of(now),
                distrustPassword ? Optional.of(now) : sessionsValidFrom,
                createdAt, now);
        return new EmailProof(proven, distrustPassword);
    }

    /** The account after proof, and whether its password was removed and its earlier sessions must end. */
    public record EmailProof(User user, boolean endsEarlierSessions) {
        public EmailProof {
            Objects.requireNonNull(user, "user");
        }
    }
}
