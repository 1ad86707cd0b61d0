package dev.prompttracker.domain.error;

import java.util.Objects;

/** The caller is authenticated but may not do this; the reason tells clients what would help. */
public final class Forbidden extends DomainException {
    /** Why the caller may not; clients branch on it (an unproven address can be proven, a role cannot be taken). */
    public enum Reason {
        NOT_ALLOWED,
        EMAIL_NOT_VERIFIED
    }

    private final Reason reason;

    public Forbidden(String message) {
        this(message, Reason.NOT_ALLOWED);
    }

    public Forbidden(String message, Reason reason) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** For data keyed by the account's email, which only the proven owner of the address may touch. */
    public static Forbidden emailNotVerified() {
        return new Forbidden("verify your email address first: use the link we sent to it, or ask for a new one",
                Reason.EMAIL_NOT_VERIFIED);
    }

    public Reason reason() {
        return reason;
    }
}
