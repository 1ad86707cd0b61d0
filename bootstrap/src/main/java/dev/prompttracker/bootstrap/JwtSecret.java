package dev.prompttracker.bootstrap;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HS256 key. {@code JWT_SECRET}, when given, is hex or base64 (standard or URL-safe, padded or
 * not) and the key is the bytes it decodes to: at least 32 of them, varied enough to be random rather
 * than a passphrase, else the start stops. Without it, in development only, 32 random bytes are
 * generated once into {@code DATA_DIR/jwt-secret} (base64, owner-only) so tokens survive restarts.
 * Production without {@code JWT_SECRET} is refused earlier, in {@link AppConfig}.
 */
final class JwtSecret {
    private static final System.Logger LOG = System.getLogger(JwtSecret.class.getName());
    static final int MIN_BYTES = 32;
    static final String FILE_NAME = "jwt-secret";
    /** 32 random bytes show fewer distinct values than this with a chance below 1e-16 (30 on average). */
    static final int MIN_DISTINCT_BYTES = 16;
    /** Their base64 text uses fewer of its 64 symbols with a chance below 1e-7 (31 on average); lower-case words use at most 26. */
    static final int MIN_DISTINCT_BASE64_SYMBOLS = 20;
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern BASE64_URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final Set<PosixFilePermission> OTHERS_ACCESS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private JwtSecret() {
    }

    static byte[] resolve(AppConfig config) {
        return config.jwtSecret().isPresent() ? decode(config.jwtSecret().get()) : generatedOnce(config.dataDir());
    }

    /** The key {@code JWT_SECRET} stands for. Text of hex digits only is hex (base64's alphabet includes them). */
    static byte[] decode(String secret) {
        String text = secret.strip();
        boolean hex = HEX.matcher(text).matches();
        byte[] key;
        if (hex) {
            key = HexFormat.of().parseHex(text);
        } else if (BASE64.matcher(text).matches() || BASE64_URL.matcher(text).matches()) {
            try {
                key = (BASE64.matcher(text).matches() ? Base64.getDecoder() : Base64.getUrlDecoder()).decode(text);
            } catch (IllegalArgumentException badLength) {
                throw refused("the value given is not complete base64");
            }
        } else {
            throw refused("the value given is neither base64 nor hex");
        }
        if (key.length < MIN_BYTES) {
            throw refused("the value given decodes to " + key.length + " bytes");
        }
        boolean fewSymbols = !hex && text.chars().filter(c -> c != '=').distinct().count() < MIN_DISTINCT_BASE64_SYMBOLS;
        if (fewSymbols || distinctValues(key) < MIN_DISTINCT_BYTES) {
            throw refused("the value given repeats too much to be random; it looks like a passphrase");
        }
        return key;
    }

    private static long distinctValues(byte[] key) {
        boolean[] seen = new boolean[256];
        long distinct = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        return distinct;
    }

    private static ConfigurationError refused(String why) {
        return new ConfigurationError("JWT_SECRET must be at least " + MIN_BYTES
                + " random bytes, written in base64 or hex: make one with `openssl rand -base64 32` (" + why + ")");
    }

    static byte[] generatedOnce(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            OwnerOnlyFiles.folder(folder);
            if (Files.notExists(file)) {
                create(file);
            }
            requireOwnerOnly(file);
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development JWT key in " + file, e);
        }
    }

    /** Written in full to an owner-only temporary file first, so the key file never exists half-written. */
    private static void create(Path file) throws IOException {
        byte[] fresh = new byte[MIN_BYTES];
        RANDOM.nextBytes(fresh);
        Path temporary = OwnerOnlyFiles.createTempFile(file.getParent(), "." + FILE_NAME + "-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer encoded = ByteBuffer.wrap(Base64.getEncoder().encode(fresh));
                while (encoded.hasRemaining()) {
                    channel.write(encoded);
                }
                channel.force(true);
            }
            publish(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Puts the complete key in place unless another start already has. A hard link never replaces an
     * existing file; a rename (even {@code ATOMIC_MOVE} without {@code REPLACE_EXISTING}) does on
     * POSIX, and two starts would then sign with different keys. Without hard links, a rename it is.
     */
    private static void publish(Path complete, Path file) throws IOException {
        try {
            Files.createLink(file, complete);
        } catch (FileAlreadyExistsException anotherStartWon) {
            // Theirs is complete too; every start reads that one.
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            if (Files.notExists(file)) {
                Files.move(complete, file, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** As ssh does with private keys: a key others can read or change may be theirs already. */
    private static void requireOwnerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().noneMatch(OTHERS_ACCESS::contains)) {
            return;
        }
        if (!OwnerOnlyFiles.keepsModes(file.getParent())) {
            LOG.log(System.Logger.Level.WARNING, () -> "the file system of " + file
                    + " keeps no file modes: the key is as private as that mount");
            return;
        }
        throw new ConfigurationError(file + " is readable or writable by other users ("
                + PosixFilePermissions.toString(permissions) + "): run `chmod 600 " + file
                + "`, or delete it if others may have read it (a new key is generated; access tokens signed"
                + " with the old one stop working)");
    }

    private static byte[] read(Path file) throws IOException {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.ISO_8859_1).strip());
            if (key.length >= MIN_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // Refused below, like a short key.
        }
        throw new ConfigurationError(file + " does not hold a base64 key of at least " + MIN_BYTES
                + " bytes; delete it to generate a new one");
    }

    /**
     * A key for another purpose, derived from the JWT key (HMAC-SHA256 of the purpose's name), so that
     * every instance sharing the JWT key shares it too, and neither key reveals the other.
     */
    static byte[] derived(byte[] secret, String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", impossible);
        }
    }
}
