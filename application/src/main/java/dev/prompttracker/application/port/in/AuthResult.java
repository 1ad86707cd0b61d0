package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.User;

import java.time.Duration;
import java.util.Objects;

/**
 * A signed-in session: the account, the role its tokens carry (evaluated when they were issued), a
 * short-lived access token and the opaque refresh token.
 */
public record AuthResult(User user, Role role, String accessToken, String refreshToken, Duration expiresIn) {
    public AuthResult {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    @Override
    public String toString() {
        return "AuthResult[user=" + user.id() + ", tokens redacted]";
    }
}
