package dev.prompttracker.adapter.http.support;

import dev.prompttracker.application.fake.InMemoryBlobStore;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;

import java.util.Optional;
import java.util.Set;

/** The in-memory store, which a test can make unavailable or buggy, and which records where it ran. */
public final class BreakableBlobStore implements BlobStore {
    public enum Mode { WORKING, UNAVAILABLE, BUGGY }

    /** What an adapter's message might carry from upstream; it must reach the log and never a client. */
    public static final String UPSTREAM_SECRET = "token=sk_live_SECRET123 at /var/data/db.sqlite";

    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private volatile Mode mode = Mode.WORKING;
    private volatile Thread lastThread;
    private final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

    /** How many bodies were read so far. */
    public int reads() {
        return reads.get();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The thread of the last call, to check that blocking work ran off the event loops. */
    public Thread lastThread() {
        return lastThread;
    }

    public Set<BlobKey> keys() {
        return store.keys();
    }

    private void enter() {
        lastThread = Thread.currentThread();
        switch (mode) {
            case UNAVAILABLE -> throw new Unavailable("blob store unreachable: " + UPSTREAM_SECRET);
            case BUGGY -> throw new IllegalStateException("a bug with a secret detail: /etc/passwd at line 42");
            case WORKING -> { }
        }
    }

    @Override
    public void put(BlobKey key, byte[] content) {
        enter();
        store.put(key, content);
    }

    @Override
    public Optional<byte[]> get(BlobKey key) {
        enter();
        reads.incrementAndGet();
        return store.get(key);
    }

    @Override
    public void delete(BlobKey key) {
        enter();
        store.delete(key);
    }
}
