package dev.prompttracker.adapter.http.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id through password4j with explicit OWASP parameters (m = 19456 KiB, t = 2, p = 1, a 16-byte
 * salt, a 32-byte hash): password4j's own default memory is below OWASP's minimum. Hashes made with
 * weaker parameters still verify and are reported for rehashing.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int VERSION = 19;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");

    private final Argon2Function function =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, VERSION);

    @Override
    public PasswordHash hash(PlainPassword password) {
        return new PasswordHash(Password.hash(password.value()).addRandomSalt(SALT_BYTES).with(function).getResult());
    }

    @Override
    public boolean matches(PlainPassword password, PasswordHash hash) {
        if (!PHC.matcher(hash.value()).matches()) {
            return false;
        }
        try {
            return Password.check(password.value(), hash.value()).with(Argon2Function.getInstanceFromHash(hash.value()));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        Matcher phc = PHC.matcher(hash.value());
        if (!phc.matches()) {
            return true;
        }
        return Integer.parseInt(phc.group(1)) != VERSION
                || Integer.parseInt(phc.group(2)) < MEMORY_KIB
                || Integer.parseInt(phc.group(3)) < ITERATIONS;
    }
}
