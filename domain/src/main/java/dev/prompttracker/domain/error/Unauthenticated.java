package dev.prompttracker.domain.error;

/** The caller is not (or no longer) authenticated. The message is always generic. */
public final class Unauthenticated extends DomainException {
    public Unauthenticated(String message) {
        super(message);
    }

    public Unauthenticated(String message, Throwable cause) {
        super(message, cause);
    }
}
