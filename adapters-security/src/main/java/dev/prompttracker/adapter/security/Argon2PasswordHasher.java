package dev.prompttracker.adapter.security;

import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (Bouncy Castle) with explicit OWASP parameters (m = 19456 KiB, t = 2, p = 1, a 16-byte
 * salt, a 32-byte hash), stored in the PHC string format. Hashes made with weaker parameters still
 * verify and are reported for rehashing. Each hash fills {@code m} KiB of heap while it runs, so the
 * hashes running at once are bounded by the heap (and by the cores, which they keep busy anyway):
 * a burst of log-ins waits its turn instead of running the server out of memory.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;
    /** Verifying a stored hash never takes more memory than this, whatever the hash says. */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Semaphore running;

    public Argon2PasswordHasher() {
        this(concurrentHashesFor(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()));
    }

    Argon2PasswordHasher(int concurrentHashes) {
        this.running = new Semaphore(concurrentHashes, true);
    }

    /** A third of the heap at most for hash memory, and no more hashes than cores; at least one. */
    static int concurrentHashesFor(long maxHeapBytes, int cores) {
        long byMemory = maxHeapBytes / 3 / (MEMORY_KIB * 1024L);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password, VERSION, MEMORY_KIB, ITERATIONS, PARALLELISM, salt, HASH_BYTES);
        return new PasswordHash("$argon2id$v=" + VERSION + "$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p="
                + PARALLELISM + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash));
    }

    @Override
    public boolean matches(PlainPassword password, PasswordHash hash) {
        Matcher phc = PHC.matcher(hash.value());
        if (!phc.matches()) {
            return false;
        }
        int version = Integer.parseInt(phc.group(1));
        int memory = Integer.parseInt(phc.group(2));
        int iterations = Integer.parseInt(phc.group(3));
        int parallelism = Integer.parseInt(phc.group(4));
        if ((version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13)
                || memory > MAX_MEMORY_KIB || memory < 8 * parallelism || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(padded(phc.group(5)));
            expected = Base64.getDecoder().decode(padded(phc.group(6)));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (salt.length < 8 || expected.length < 4) {
            return false;
        }
        byte[] actual = argon2id(password, version, memory, iterations, parallelism, salt, expected.length);
        return MessageDigest.isEqual(actual, expected);
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

    private byte[] argon2id(PlainPassword password, int version, int memoryKib, int iterations, int parallelism,
                            byte[] salt, int hashBytes) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(version)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        byte[] out = new byte[hashBytes];
        running.acquireUninterruptibly();
        try {
            // The generator takes its memory when initialised: only ever under a permit.
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(password.value().getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }

    private static String padded(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }
}
