package dev.prompttracker.domain.error;

/**
 * A dependency (store, remote API) failed or timed out; the caller may retry later. The message is for
 * the operator (it may name files, keys or what the dependency said): the edge logs it and tells the
 * client only that a dependency is unavailable.
 */
public final class Unavailable extends DomainException {
    public Unavailable(String message) {
        super(message);
    }

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
