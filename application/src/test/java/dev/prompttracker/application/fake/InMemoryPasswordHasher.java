package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** A fast salted SHA-256 stand-in for tests; counts calls so tests can see when hashing happened. */
public final class InMemoryPasswordHasher implements PasswordHasher {
    private static final String PREFIX = "$fake-sha256$";
    private static final String WEAK_PREFIX = "$fake-weak$";
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger hashCalls = new AtomicInteger();
    private final AtomicInteger matchCalls = new AtomicInteger();

    @Override
    public PasswordHash hash(PlainPassword password) {
        hashCalls.incrementAndGet();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new PasswordHash(PREFIX + saltHex + "$" + digest(saltHex, password.value()));
    }

    /** A hash in an older, weaker format, for rehash tests. */
    public PasswordHash weakHash(PlainPassword password) {
        return new PasswordHash(WEAK_PREFIX + "00$" + digest("00", password.value()));
    }

    @Override
    public boolean matches(PlainPassword password, PasswordHash hash) {
        matchCalls.incrementAndGet();
        String[] parts = hash.value().split("\\$");
        if (parts.length != 4) {
            return false;
        }
        return MessageDigest.isEqual(digest(parts[2], password.value()).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return !hash.value().startsWith(PREFIX);
    }

    public int hashCalls() {
        return hashCalls.get();
    }

    public int matchCalls() {
        return matchCalls.get();
    }

    private static String digest(String salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
