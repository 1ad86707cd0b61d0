package dev.prompttracker.domain.access;

import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Objects;

/** One entry of the append-only content access log. */
public record ContentAccess(String id, Email email, ChapterNumber chapter, AccessType type, String ip,
                            String userAgent, Instant at) {
    public static final int MAX_USER_AGENT_LENGTH = 512;
    public static final int MAX_IP_LENGTH = 64;

    public ContentAccess {
        if (!Uuids.isCanonical(id)) {
            throw new IllegalArgumentException("id must be a UUID");
        }
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(chapter, "chapter");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        ip = clip(Objects.requireNonNull(ip, "ip"), MAX_IP_LENGTH);
        userAgent = clip(Objects.requireNonNull(userAgent, "userAgent"), MAX_USER_AGENT_LENGTH);
    }

    public static ContentAccess record(Email email, ChapterNumber chapter, AccessType type, String ip, String userAgent,
                                       Instant at) {
        return new ContentAccess(Uuids.random(), email, chapter, type, ip, userAgent, at);
    }

    private static String clip(String text, int max) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
