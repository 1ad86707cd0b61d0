package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link BlobStore} must do; implemented by each store's test. */
public interface BlobStoreContract {

    BlobStore blobs();

    @Test
    default void storesAndReadsBackTheExactBytes() {
        BlobKey key = BlobKey.newPromptKey(Fixtures.T0);
        byte[] body = "héllo, wörld ✓ 🎉".getBytes(StandardCharsets.UTF_8);
        blobs().put(key, body);
        assertThat(blobs().get(key)).hasValueSatisfying(read -> assertThat(read).isEqualTo(body));
    }

    @Test
    default void anAbsentKeyReadsAsEmpty() {
        assertThat(blobs().get(BlobKey.newResponseKey(Fixtures.T0))).isEmpty();
    }

    @Test
    default void aSecondPutReplacesTheWholeBody() {
        BlobKey key = BlobKey.newPromptKey(Fixtures.T0);
        blobs().put(key, "a much longer first body".getBytes(StandardCharsets.UTF_8));
        blobs().put(key, "short".getBytes(StandardCharsets.UTF_8));
        assertThat(blobs().get(key)).hasValueSatisfying(read ->
                assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("short"));
    }

    @Test
    default void deleteRemovesAndDeletingAgainIsFine() {
        BlobKey key = BlobKey.newPromptKey(Fixtures.T0);
        blobs().put(key, new byte[] {1, 2, 3});
        blobs().delete(key);
        blobs().delete(key);
        assertThat(blobs().get(key)).isEmpty();
    }

    @Test
    default void getAllReturnsThePresentBodiesOnly() {
        BlobKey first = BlobKey.newPromptKey(Fixtures.T0);
        BlobKey second = BlobKey.newResponseKey(Fixtures.T0);
        BlobKey missing = BlobKey.newResponseKey(Fixtures.T0);
        blobs().put(first, new byte[] {1});
        blobs().put(second, new byte[] {2});
        Map<BlobKey, byte[]> found = blobs().getAll(List.of(first, missing, second));
        assertThat(found).containsOnlyKeys(first, second);
        assertThat(found.get(second)).containsExactly(2);
    }

    @Test
    default void holdsAMebibyteBody() {
        BlobKey key = BlobKey.newPromptKey(Fixtures.T0);
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        body[body.length - 1] = 'y';
        blobs().put(key, body);
        assertThat(blobs().get(key)).hasValueSatisfying(read -> assertThat(read).isEqualTo(body));
    }

    @Test
    default void changingTheCallersArrayAfterAPutDoesNotChangeTheStoredBody() {
        BlobKey key = BlobKey.newPromptKey(Fixtures.T0);
        byte[] body = {1, 2, 3};
        blobs().put(key, body);
        body[0] = 9;
        assertThat(blobs().get(key)).hasValueSatisfying(read -> assertThat(read).containsExactly(1, 2, 3));
    }
}
