package dev.prompttracker.domain.error;

/**
 * The one family of failures the core reports. Adapters translate store failures into it at their
 * boundary; the inbound edge maps each kind once to a gRPC status and an HTTP problem.
 * <p>
 * The message is shown to the client, so it is written for people from fixed text; what a store,
 * library or remote API said goes only into the cause. {@link Unavailable} is the exception: its
 * message is for the operator and only reaches the log.
 */
public abstract sealed class DomainException extends RuntimeException
        permits Invalid, Unauthenticated, Forbidden, NotFound, Conflict, TooLarge, RateLimited, Unavailable {

    protected DomainException(String message) {
        super(message);
    }

    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
