package dev.prompttracker.application.service;

import dev.prompttracker.domain.auth.TokenHash;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Opaque secret tokens (refresh tokens, links sent by email): 256 random bits followed by a 128-bit
 * HMAC tag of them, base64url. The tag lets a token be told genuine in process: a made-up one is
 * refused before any store is asked (each lookup spends the shared remote budget). Only the SHA-256
 * of a token is stored; a fast hash is enough because a random 256-bit value cannot be brute-forced.
 */
final class OpaqueTokens {
    private static final int RANDOM_BYTES = 32;
    private static final int TAG_BYTES = 16;
    /** Base64url without padding of the random part and its tag. */
    static final int LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final String MAC = "HmacSHA256";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec tagKey;

    OpaqueTokens(byte[] tagKey) {
        this.tagKey = new SecretKeySpec(tagKey.clone(), MAC);
    }

    String generate() {
        byte[] token = new byte[RANDOM_BYTES + TAG_BYTES];
        random.nextBytes(token);
        System.arraycopy(tag(token), 0, token, RANDOM_BYTES, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** A token this product made: the right shape and a tag that matches its random part (in constant time). */
    boolean isGenuine(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return false;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        return MessageDigest.isEqual(Arrays.copyOfRange(bytes, RANDOM_BYTES, RANDOM_BYTES + TAG_BYTES), tag(bytes));
    }

    static TokenHash hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return new TokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
        }
    }

    private byte[] tag(byte[] token) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(tagKey);
            mac.update(token, 0, RANDOM_BYTES);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", impossible);
        }
    }
}
