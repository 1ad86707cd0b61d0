package dev.prompttracker.application.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * A value the read model holds in memory, and what the edge printed of it (its JSON, its protobuf
 * bytes), so that each version is printed once. The printed forms count against the read model's
 * memory budget: one it cannot admit is printed for this caller and not kept.
 */
public final class Cached<V> {
    private final V value;
    private final LongPredicate admit;
    private final Map<String, byte[]> printed = new ConcurrentHashMap<>();

    /** {@code admit} is asked to account for a printed form of this many bytes before it is kept. */
    public Cached(V value, LongPredicate admit) {
        this.value = Objects.requireNonNull(value, "value");
        this.admit = Objects.requireNonNull(admit, "admit");
    }

    public V value() {
        return value;
    }

    /** The value printed in {@code form}, printed on first use only. */
    public byte[] printed(String form, Supplier<byte[]> print) {
        byte[] known = printed.get(form);
        if (known != null) {
            return known;
        }
        byte[] bytes = print.get();
        if (admit.test(bytes.length + 64L)) {
            printed.putIfAbsent(form, bytes);
        }
        return bytes;
    }
}
