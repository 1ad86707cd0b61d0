package dev.prompttracker.domain.session;

import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A login: one refresh-token family. Rotating the refresh token keeps the session; revoking it ends
 * the session and every access token issued under it.
 */
public record Session(SessionId id, UserId userId, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                      Optional<Instant> revokedAt, String userAgent, String ip) {
    public static final int MAX_USER_AGENT_LENGTH = 512;
    public static final int MAX_IP_LENGTH = 64;

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        userAgent = clip(Objects.requireNonNull(userAgent, "userAgent"), MAX_USER_AGENT_LENGTH);
        ip = clip(Objects.requireNonNull(ip, "ip"), MAX_IP_LENGTH);
    }

    public boolean isActiveAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    public boolean belongsTo(UserId user) {
        return userId.equals(user);
    }

    private static String clip(String text, int max) {
        String clean = text.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
