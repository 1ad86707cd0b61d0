package dev.prompttracker.domain.id;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Canonical text form of the UUIDs used as ids: random ones, and name-based ones for imported records. */
public final class Uuids {
    private Uuids() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** The namespace of {@link #nameBased}: a fixed random UUID of this product. */
    static final UUID NAMESPACE = UUID.fromString("5d1c3f0e-8b7a-4e61-9a41-0c2f6d8e7b35");

    /**
     * A name-based UUID (version 5, SHA-1, RFC 9562) of the parts: the same parts always give the same id,
     * so an import can find what an earlier import of the same record created without keeping a table
     * of what it mapped. Each part is length-prefixed, so ("ab", "c") and ("a", "bc") differ.
     */
    public static String nameBased(String... parts) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        ByteBuffer namespace = ByteBuffer.allocate(16);
        namespace.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(namespace.array());
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha1.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha1.update(bytes);
        }
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // the RFC's variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
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
