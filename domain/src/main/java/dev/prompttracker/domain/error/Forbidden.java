package dev.prompttracker.domain.error;

/** The caller is authenticated but may not do this. */
public final class Forbidden extends DomainException {
    public Forbidden(String message) {
        super(message);
    }

    public Forbidden(String message, Throwable cause) {
        super(message, cause);
    }
}
