package dev.prompttracker.domain.error;

/** The thing does not exist, or exists but the caller may not see it. */
public final class NotFound extends DomainException {
    public NotFound(String message) {
        super(message);
    }

    public NotFound(String message, Throwable cause) {
        super(message, cause);
    }
}
