package dev.prompttracker.domain.error;

/** The input is over a size limit. */
public final class TooLarge extends DomainException {
    public TooLarge(String message) {
        super(message);
    }

    public TooLarge(String message, Throwable cause) {
        super(message, cause);
    }
}
