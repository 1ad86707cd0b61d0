package dev.prompttracker.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An account. A user created through a magic link has no password. */
public record User(UserId id, Username username, Email email, Optional<PasswordHash> passwordHash, Role role,
                   Instant createdAt, Instant updatedAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public User withPasswordHash(PasswordHash hash, Instant now) {
        return new User(id, username, email, Optional.of(hash), role, createdAt, now);
    }

    public User withRole(Role newRole, Instant now) {
        return new User(id, username, email, passwordHash, newRole, createdAt, now);
    }
}
