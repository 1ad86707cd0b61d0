package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.error.DomainException;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prompt and response bodies in the blob store. Bodies are written before the row that points at
 * them and deleted after it, so a stored row never points at a missing body; a failure in between
 * leaves at worst an unreferenced body, which is harmless. A row write whose outcome is unknown (no
 * answer: it may have been made) keeps its body for the same reason.
 */
final class Bodies {
    private static final System.Logger LOG = System.getLogger(Bodies.class.getName());

    private final BlobStore blobs;

    Bodies(BlobStore blobs) {
        this.blobs = blobs;
    }

    /**
     * Writes the body, then its row. When the store refused the row, the body is removed again; when
     * the outcome is unknown (unavailable, or a failure of our own), the body stays: the row may exist.
     */
    void writeThenRecord(BlobKey key, Content body, Runnable writeRow) {
        writeThenRecord(key, body, () -> {
            writeRow.run();
            return null;
        });
    }

    /** {@link #writeThenRecord(BlobKey, Content, Runnable)} for a row write with an answer. */
    <T> T writeThenRecord(BlobKey key, Content body, Supplier<T> writeRow) {
        blobs.put(key, body.bytes());
        try {
            return writeRow.get();
        } catch (Unavailable unknownOutcome) {
            LOG.log(System.Logger.Level.WARNING, "body {0} kept: its row write may have been made", key);
            throw unknownOutcome;
        } catch (DomainException refused) {
            deleteUnreferenced(List.of(key));
            throw refused;
        }
    }

    /** Writes a body ahead of the row an import writes for it later (a failed import deletes it again). */
    void put(BlobKey key, Content body) {
        blobs.put(key, body.bytes());
    }

    Content read(BlobKey key) {
        return blobs.get(key).map(Content::fromBytes).orElseThrow(() -> missing(key));
    }

    /** The prompt with its responses and every body: {@code known} ones as given, the others read in parallel. */
    PromptView view(PromptWithResponses found, Map<BlobKey, Content> known) {
        List<BlobKey> keys = new ArrayList<>();
        keys.add(found.prompt().contentKey());
        found.responses().forEach(response -> keys.add(response.contentKey()));
        Map<BlobKey, Content> contents = new LinkedHashMap<>(known);
        contents.putAll(readAll(keys.stream().filter(key -> !known.containsKey(key)).toList()));
        List<ResponseView> responses = new ArrayList<>();
        for (Response response : found.responses()) {
            responses.add(new ResponseView(response, contents.get(response.contentKey())));
        }
        return new PromptView(found.prompt(), contents.get(found.prompt().contentKey()), responses);
    }

    Map<BlobKey, Content> readAll(Collection<BlobKey> keys) {
        Map<BlobKey, byte[]> found = blobs.getAll(keys);
        Map<BlobKey, Content> contents = new LinkedHashMap<>();
        for (BlobKey key : keys) {
            byte[] bytes = found.get(key);
            if (bytes == null) {
                throw missing(key);
            }
            contents.put(key, Content.fromBytes(bytes));
        }
        return contents;
    }

    /** Deletes bodies whose rows are gone; a failure only leaves an unreferenced body behind. */
    void deleteUnreferenced(Collection<BlobKey> keys) {
        for (BlobKey key : keys) {
            try {
                blobs.delete(key);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete unreferenced body {0}: {1}", key, e.toString());
            }
        }
    }

    private static Unavailable missing(BlobKey key) {
        LOG.log(System.Logger.Level.ERROR, "a stored row points at a missing body {0}", key);
        return new Unavailable("content is temporarily unavailable");
    }
}
