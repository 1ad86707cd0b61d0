package dev.prompttracker.domain.page;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.id.Uuids;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A keyset position in a list ordered by (an instant desc, id desc), e.g. a prompt's update time or
 * a subscriber's signup time: the last item of the previous page. Its opaque token form is what
 * clients pass back as {@code pageToken}.
 */
public record PageCursor(Instant at, String id) {
    private static final String VERSION = "v1";
    private static final int MAX_TOKEN_LENGTH = 200;

    public PageCursor {
        Objects.requireNonNull(at, "at");
        if (!Uuids.isCanonical(id)) {
            throw new IllegalArgumentException("cursor id is not an id");
        }
    }

    public String token() {
        String plain = VERSION + "|" + at.toEpochMilli() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for an absent token (the first page); {@link Invalid} for one this server never issued. */
    public static Optional<PageCursor> parse(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Invalid invalid = Invalid.field("pageToken", "is not a page token issued by this server");
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION) || !Uuids.isCanonical(parts[2])) {
                throw invalid;
            }
            long millis = Long.parseLong(parts[1]);
            if (millis < 0) {
                throw invalid;
            }
            return Optional.of(new PageCursor(Instant.ofEpochMilli(millis), parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            throw invalid;
        }
    }
}
