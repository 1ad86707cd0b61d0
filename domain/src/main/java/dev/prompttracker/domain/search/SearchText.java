package dev.prompttracker.domain.search;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The part of one body that full-text search indexes, keyed by the body's blob key: the first
 * {@value #PROMPT_BYTES} bytes (UTF-8) of a prompt's text, the first {@value #RESPONSE_BYTES} of a
 * response's. A prompt holds at most 50 responses, so its whole search document stays under 1 MB,
 * half of D1's 2 MB row limit. The highlight markers are replaced by spaces, so a snippet's markers
 * are always the index's own.
 */
public record SearchText(BlobKey key, String text) {
    public static final int PROMPT_BYTES = 32 * 1024;
    public static final int RESPONSE_BYTES = 16 * 1024;

    public SearchText {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (text.indexOf(Highlighted.MATCH_START) >= 0 || text.indexOf(Highlighted.MATCH_END) >= 0) {
            throw new IllegalArgumentException("search text holds a highlight marker");
        }
    }

    public static SearchText ofPrompt(BlobKey key, Content body) {
        return ofPrompt(key, body.value());
    }

    public static SearchText ofResponse(BlobKey key, Content body) {
        return ofResponse(key, body.value());
    }

    public static SearchText ofPrompt(BlobKey key, String body) {
        return new SearchText(key, excerpt(body, PROMPT_BYTES));
    }

    public static SearchText ofResponse(BlobKey key, String body) {
        return new SearchText(key, excerpt(body, RESPONSE_BYTES));
    }

    /** The longest prefix of {@code text} within {@code maxBytes} of UTF-8, never splitting a character. */
    static String excerpt(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (Character.isSurrogate(text.charAt(end)) && Character.charCount(codePoint) == 1) {
                size = 3; // a lone surrogate is written as one replacement character
            }
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end)
                .replace(Highlighted.MATCH_START, ' ')
                .replace(Highlighted.MATCH_END, ' ');
    }

    /** Bytes of UTF-8, for tests and bounds checks. */
    public int utf8Length() {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
