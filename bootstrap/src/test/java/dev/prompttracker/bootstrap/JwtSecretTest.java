package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretTest {
    @TempDir
    Path folder;

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void theKeyIsWhatJwtSecretDecodesToInBase64OrHex() {
        byte[] key = Base64.getDecoder().decode(AppConfigTest.JWT_SECRET);
        assertThat(JwtSecret.decode(AppConfigTest.JWT_SECRET)).hasSize(32).isEqualTo(key);
        assertThat(JwtSecret.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(key))).isEqualTo(key);
        assertThat(JwtSecret.decode(Base64.getEncoder().withoutPadding().encodeToString(key))).isEqualTo(key);
        assertThat(JwtSecret.decode(HexFormat.of().formatHex(key))).isEqualTo(key);
        assertThat(JwtSecret.decode(HexFormat.of().withUpperCase().formatHex(key))).isEqualTo(key);
        assertThat(JwtSecret.decode(" " + AppConfigTest.JWT_SECRET + "\n")).as("surrounding blanks").isEqualTo(key);
        byte[] longer = randomBytes(new Random(7), 48);
        assertThat(JwtSecret.decode(Base64.getEncoder().encodeToString(longer))).isEqualTo(longer);
    }

    @Test
    void randomKeysAreNeverTakenForPassphrases() {
        Random random = new Random(20261122);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = randomBytes(random, 32);
            String base64 = Base64.getEncoder().encodeToString(key);
            assertThat(JwtSecret.decode(base64)).as(base64).isEqualTo(key);
            assertThat(JwtSecret.decode(HexFormat.of().formatHex(key))).isEqualTo(key);
        }
    }

    @Test
    void shortValuesAndPassphrasesAreRefusedWithHowToMakeAKey() {
        Random random = new Random(1);
        byte[] eightValues = new byte[32];
        for (int i = 0; i < eightValues.length; i++) {
            eightValues[i] = (byte) (i % 8 * 31);
        }
        List<String> refused = List.of(
                "x".repeat(31),
                Base64.getEncoder().encodeToString(randomBytes(random, 31)),
                HexFormat.of().formatHex(randomBytes(random, 31)),
                "a".repeat(44),
                "x".repeat(64),
                "password".repeat(6),
                "passwordpasswordpasswordpasswordpassword",
                "the quick brown fox jumps over a lazy dog",
                "correcthorsebatterystaplecorrecthorsebattery",
                "thisisalongpassphrasethatnobodywillguessever",
                Base64.getEncoder().encodeToString(new byte[32]),
                "00".repeat(32),
                "0123456789abcdef".repeat(4),
                Base64.getEncoder().encodeToString(eightValues),
                "");
        for (String secret : refused) {
            assertThatThrownBy(() -> JwtSecret.decode(secret)).as(secret)
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("JWT_SECRET")
                    .hasMessageContaining("openssl rand -base64 32")
                    .satisfies(e -> assertThat(secret.isEmpty() || !e.getMessage().contains(secret))
                            .as("the message never repeats the secret").isTrue());
        }
    }

    @Test
    void aDevelopmentKeyIsGeneratedOnceAndKeptPrivate() throws Exception {
        Path dataDir = folder.resolve("data");
        AppConfig config = AppConfig.from(Environment.of(Map.of("DATA_DIR", dataDir.toString())));
        byte[] first = JwtSecret.resolve(config);
        byte[] second = JwtSecret.resolve(config);
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file is left")
                    .containsExactly("jwt-secret");
        }
        assertThat(config.toString()).doesNotContain(new String(first, StandardCharsets.ISO_8859_1));
    }

    @Test
    void concurrentStartsAllReadTheSameCompleteKey() throws Exception {
        int starts = 8;
        try (ExecutorService threads = Executors.newFixedThreadPool(starts)) {
            for (int round = 0; round < 40; round++) {
                Path dataDir = folder.resolve("round-" + round);
                CyclicBarrier together = new CyclicBarrier(starts);
                List<Future<byte[]>> keys = new ArrayList<>();
                for (int i = 0; i < starts; i++) {
                    keys.add(threads.submit(() -> {
                        together.await();
                        return JwtSecret.generatedOnce(dataDir);
                    }));
                }
                List<byte[]> read = new ArrayList<>();
                for (Future<byte[]> key : keys) {
                    read.add(key.get());
                }
                byte[] onDisk = Base64.getDecoder().decode(Files.readString(dataDir.resolve("jwt-secret")).strip());
                assertThat(read).as("round " + round).allSatisfy(key -> assertThat(key).hasSize(32).isEqualTo(onDisk));
            }
        }
    }

    @Test
    void aKeyFileOthersCanReadOrWriteStopsTheStart() throws Exception {
        Path dataDir = folder.resolve("data");
        byte[] key = JwtSecret.generatedOnce(dataDir);
        Path file = dataDir.resolve("jwt-secret");
        for (String loose : List.of("rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw-rw-rw-")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(loose));
            assertThatThrownBy(() -> JwtSecret.generatedOnce(dataDir)).as(loose)
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("chmod 600 " + file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("left for the operator")
                    .isEqualTo(loose);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(JwtSecret.generatedOnce(dataDir)).isEqualTo(key);
    }

    @Test
    void aFileSystemWithoutPosixPermissionsOrHardLinksStillGetsOneKey() throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(folder.resolve("data.zip"), Map.of("create", "true"))) {
            assertThat(zip.supportedFileAttributeViews()).doesNotContain("posix");
            Path dataDir = zip.getPath("/data");
            byte[] first = JwtSecret.generatedOnce(dataDir);
            assertThat(first).hasSize(32);
            assertThat(JwtSecret.generatedOnce(dataDir)).isEqualTo(first);
            try (Stream<Path> files = Files.list(dataDir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("jwt-secret");
            }
        }
    }
}
