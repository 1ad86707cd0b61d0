package dev.prompttracker.domain.error;

/** The write collides with existing state (a duplicate, or a concurrent edit). */
public final class Conflict extends DomainException {
    public Conflict(String message) {
        super(message);
    }

    public Conflict(String message, Throwable cause) {
        super(message, cause);
    }
}
