package dev.prompttracker.domain.access;

import dev.prompttracker.domain.error.Invalid;

import java.util.Locale;

/** What a reader did with a chapter. */
public enum AccessType {
    VIEW,
    DOWNLOAD,
    SHARE;

    public static AccessType parse(String raw) {
        try {
            return valueOf(raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Invalid.field("accessType", "must be VIEW, DOWNLOAD or SHARE");
        }
    }
}
