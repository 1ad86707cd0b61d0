package dev.prompttracker.domain.id;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Canonical text form of the random UUIDs used as ids. */
public final class Uuids {
    private Uuids() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** The lower-case canonical form of a 36-character UUID, or empty for anything else. */
    public static Optional<String> canonical(String raw) {
        if (raw == null || raw.length() != 36) {
            return Optional.empty();
        }
        try {
            String canonical = UUID.fromString(raw).toString();
            return canonical.equals(raw.toLowerCase(Locale.ROOT)) ? Optional.of(canonical) : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    public static boolean isCanonical(String value) {
        return value != null && canonical(value).filter(value::equals).isPresent();
    }
}
