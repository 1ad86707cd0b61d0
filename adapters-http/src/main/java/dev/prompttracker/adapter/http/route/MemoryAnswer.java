package dev.prompttracker.adapter.http.route;

import com.google.protobuf.MessageLite;
import dev.prompttracker.application.port.in.Cached;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An answer held by the read model: the cached entry, which keeps each printed form of it within the
 * model's memory budget, and how to build the response message from it.
 */
public record MemoryAnswer(Cached<?> entry, Supplier<? extends MessageLite> message) {
    public MemoryAnswer {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(message, "message");
    }

    /** The answer printed in {@code form}, printed once per cached entry. */
    public byte[] printed(String form, Function<MessageLite, byte[]> print) {
        return entry.printed(form, () -> print.apply(message.get()));
    }
}
