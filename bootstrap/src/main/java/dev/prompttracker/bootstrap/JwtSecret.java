package dev.prompttracker.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 key: {@code JWT_SECRET} when given (at least 32 bytes, refused otherwise), else, in
 * development only, 256 random bits generated once into {@code DATA_DIR/jwt-secret} (owner-only) so
 * tokens survive restarts. Production without {@code JWT_SECRET} is refused earlier, in {@link AppConfig}.
 */
final class JwtSecret {
    static final int MIN_BYTES = 32;
    static final String FILE_NAME = "jwt-secret";

    private JwtSecret() {
    }

    static byte[] resolve(AppConfig config) {
        if (config.jwtSecret().isPresent()) {
            byte[] secret = config.jwtSecret().get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_BYTES) {
                throw new ConfigurationError("JWT_SECRET must be at least " + MIN_BYTES + " bytes (256 bits); it has "
                        + secret.length);
            }
            return secret;
        }
        return generatedOnce(config.dataDir().resolve(FILE_NAME));
    }

    private static byte[] generatedOnce(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] fresh = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // Another start created it first; use theirs.
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                }
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (secret.length < MIN_BYTES) {
                throw new ConfigurationError(file + " holds a key shorter than 32 bytes; delete it to generate a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development JWT key in " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(file + " is not base64; delete it to generate a new one");
        }
    }
}
