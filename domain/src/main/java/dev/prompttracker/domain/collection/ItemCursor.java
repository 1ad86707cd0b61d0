package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.PromptId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A keyset position in a collection's items, ordered by (position, prompt id): the last item of the
 * previous page. Its opaque token form is what clients pass back as {@code pageToken}.
 */
public record ItemCursor(int position, PromptId promptId) {
    private static final String VERSION = "i1";
    private static final int MAX_TOKEN_LENGTH = 200;

    public ItemCursor {
        Objects.requireNonNull(promptId, "promptId");
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
    }

    public String token() {
        String plain = VERSION + "|" + position + "|" + promptId.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for an absent token (the first page); {@link Invalid} for one this server never issued. */
    public static Optional<ItemCursor> parse(String token) {
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
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw invalid;
            }
            int position = Integer.parseInt(parts[1]);
            PromptId id = PromptId.parse(parts[2]).orElseThrow(() -> invalid);
            if (position < 0) {
                throw invalid;
            }
            return Optional.of(new ItemCursor(position, id));
        } catch (IllegalArgumentException malformed) {
            throw invalid;
        }
    }
}
