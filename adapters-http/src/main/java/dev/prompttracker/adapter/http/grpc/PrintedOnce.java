package dev.prompttracker.adapter.http.grpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The bytes printed for a cached object (a view, a page), kept under a key for as long as that very
 * object is what the cache answers: a new object under the same key, after a write, is printed anew.
 */
final class PrintedOnce {
    private static final int MAX_KEPT = 10_000;

    private final Map<Object, Printed> printed = new ConcurrentHashMap<>();

    private record Printed(Object printedFrom, byte[] bytes) {
    }

    byte[] bytes(Object key, Object printedFrom, Supplier<byte[]> print) {
        Printed known = printed.get(key);
        if (known != null && known.printedFrom() == printedFrom) {
            return known.bytes();
        }
        byte[] bytes = print.get();
        if (printed.size() >= MAX_KEPT) {
            printed.clear();
        }
        printed.put(key, new Printed(printedFrom, bytes));
        return bytes;
    }
}
