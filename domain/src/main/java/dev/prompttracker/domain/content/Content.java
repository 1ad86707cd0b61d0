package dev.prompttracker.domain.content;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.TooLarge;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The body of a prompt or a response: required, not blank, at most {@link #MAX_BYTES} of UTF-8.
 * Kept verbatim (no trimming): whitespace can matter to a prompt.
 */
public record Content(String value) {
    public static final int MAX_BYTES = 1024 * 1024;

    public Content {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw Invalid.field("content", "must not be blank");
        }
        if (overLimit(value)) {
            throw new TooLarge("content is larger than " + MAX_BYTES + " bytes of UTF-8");
        }
    }

    public static Content parse(String raw) {
        return new Content(raw == null ? "" : raw);
    }

    public static Content fromBytes(byte[] utf8) {
        return new Content(new String(utf8, StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public ContentPreview preview() {
        return ContentPreview.of(value);
    }

    /** Whether the text takes more than {@link #MAX_BYTES} of UTF-8; counted only when its length leaves doubt. */
    private static boolean overLimit(String text) {
        if (text.length() > MAX_BYTES) {
            return true; // every char is at least one byte
        }
        if (text.length() <= MAX_BYTES / 3) {
            // No char takes more than three bytes (a surrogate pair, two chars, takes four): most texts,
            // and every body read back from the store, are within the limit without counting.
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > MAX_BYTES;
    }

    @Override
    public String toString() {
        return "Content[" + value.length() + " chars]";
    }
}
