package dev.prompttracker.domain.content;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a body lives in blob storage: {@code prompt_<epoch-ms>_<random>} or
 * {@code response_<epoch-ms>_<random>}, the layout of the original design. The strict pattern is
 * also what keeps a key from ever naming a path outside a store.
 */
public record BlobKey(String value) {
    private static final Pattern FORMAT = Pattern.compile("(prompt|response)_[0-9]{1,19}_[a-z0-9]{8,32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Base32 in lower case: 5 random bits a character, so 10 bytes make the 16 characters. */
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int RANDOM_LENGTH = 16;

    public BlobKey {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a blob key: " + value.length() + " chars");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static BlobKey newPromptKey(Instant now) {
        return generate("prompt", now);
    }

    public static BlobKey newResponseKey(Instant now) {
        return generate("response", now);
    }

    private static BlobKey generate(String kind, Instant now) {
        // One draw from the SecureRandom for the whole key: each draw locks it and may read /dev/urandom.
        byte[] bytes = new byte[RANDOM_LENGTH * 5 / 8];
        RANDOM.nextBytes(bytes);
        char[] random = new char[RANDOM_LENGTH];
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            int bit = i * 5;
            int pair = (bytes[bit / 8] & 0xff) << 8 | (bit / 8 + 1 < bytes.length ? bytes[bit / 8 + 1] & 0xff : 0);
            random[i] = ALPHABET[(pair >>> (11 - bit % 8)) & 31];
        }
        return new BlobKey(kind + "_" + now.toEpochMilli() + "_" + new String(random));
    }

    @Override
    public String toString() {
        return value;
    }
}
