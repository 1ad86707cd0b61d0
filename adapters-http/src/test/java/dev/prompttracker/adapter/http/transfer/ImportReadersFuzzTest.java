package dev.prompttracker.adapter.http.transfer;

import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.TooLarge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whatever the bytes, a reader yields items or ends with the domain's Invalid (or TooLarge): never a
 * parser's own exception, a NullPointerException or an IllegalStateException, which would be a 500.
 * Inputs are random bytes and the fixtures mutated byte by byte; seeds are fixed so a failure repeats.
 */
@Timeout(120)
class ImportReadersFuzzTest {
    private static final byte[] SPECIAL = "\"',\n\r{}[]:-&*!|>#\t \\\u00ef\u00bb\u00bf".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void theCsvReaderNeverFailsOtherwise() throws IOException {
        fuzz(new PromptsChatCsvReader(), List.of(fixture("prompts-chat.csv")), 1);
    }

    @Test
    void thePromptfooReaderNeverFailsOtherwise() throws IOException {
        fuzz(new PromptfooReader(), List.of(fixture("promptfoo-results.json"), fixture("promptfoo-results.yaml"),
                fixture("promptfooconfig.yaml"), fixture("promptfooconfig-map.yaml")), 2);
    }

    private static void fuzz(ImportReader reader, List<byte[]> fixtures, long seed) {
        Random random = new Random(seed);
        int items = 0;
        int refused = 0;
        for (int round = 0; round < 3_000; round++) {
            byte[] input = round % 4 == 0 ? randomBytes(random) : mutate(random, fixtures.get(random.nextInt(fixtures.size())));
            try {
                for (var it = reader.read(new ByteArrayInputStream(input)); it.hasNext(); ) {
                    ImportItem item = it.next();
                    assertThat(item).isNotNull();
                    items++;
                }
            } catch (Invalid | TooLarge expected) {
                assertThat(expected.getMessage()).isNotBlank();
                refused++;
            } catch (RuntimeException | Error e) {
                fail("round " + round + " of seed " + seed + " threw " + e + " for input "
                        + HexFormat.of().formatHex(input, 0, Math.min(input.length, 400)), e);
            }
        }
        assertThat(items).as("inputs that read as items").isPositive();
        assertThat(refused).as("inputs refused as invalid").isPositive();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2_000)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A few edits to a real file: flips, special characters, cuts and repeats, which keep most of its shape. */
    private static byte[] mutate(Random random, byte[] original) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 3 -> {
                    int length = Math.min(bytes.length - at, random.nextInt(64));
                    byte[] longer = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, longer, 0, at + length);
                    System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
                    bytes = longer;
                }
                default -> {
                    int length = Math.min(bytes.length - at, random.nextInt(32));
                    byte[] shorter = new byte[bytes.length - length];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                    bytes = shorter;
                }
            }
        }
        return bytes;
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = PromptsChatCsvReaderTest.resource(name)) {
            return in.readAllBytes();
        }
    }
}
