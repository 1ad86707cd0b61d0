package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A member of the handbook's email list. Signup is idempotent per normalised email. Access and
 * purchase flags are the admin's to change; the email counters only ever grow.
 */
public record Subscriber(SubscriberId id, Email email, Optional<PersonName> firstName, Optional<PersonName> lastName,
                         boolean hasAccess, boolean hasPurchased, Optional<DiscountCode> discountCode,
                         SubscriberState state, SignupSource source, int emailsSent, Optional<Instant> lastEmailSent,
                         Instant createdAt, Instant updatedAt, long version) {
    public Subscriber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(discountCode, "discountCode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lastEmailSent, "lastEmailSent");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (emailsSent < 0) {
            throw new IllegalArgumentException("negative email count");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** A new subscriber: access granted, nothing purchased, active, nothing sent yet. */
    public static Subscriber signUp(Email email, Optional<PersonName> firstName, Optional<PersonName> lastName,
                                    Optional<DiscountCode> discountCode, SignupSource source, Instant now) {
        return new Subscriber(SubscriberId.random(), email, firstName, lastName, true, false, discountCode,
                SubscriberState.ACTIVE, source, 0, Optional.empty(), now, now, 1);
    }

    /** Whether the handbook's content is open to this subscriber. */
    public boolean canRead() {
        return hasAccess;
    }

    /**
     * Sign-in links are transactional: they go to unsubscribed readers too, but never to an address
     * that bounced or complained.
     */
    public boolean acceptsTransactionalMail() {
        return state == SubscriberState.ACTIVE || state == SubscriberState.UNSUBSCRIBED;
    }

    /** The admin's changes: access, purchase, discount code and list state; the next version. */
    public Subscriber administer(boolean newHasAccess, boolean newHasPurchased, Optional<DiscountCode> newDiscountCode,
                                 SubscriberState newState, Instant now) {
        return new Subscriber(id, email, firstName, lastName, newHasAccess, newHasPurchased, newDiscountCode, newState,
                source, emailsSent, lastEmailSent, createdAt, later(now), version + 1);
    }

    /** One more email sent; counters are not admin edits, so the version stays. */
    public Subscriber countEmailSent(Instant at) {
        return new Subscriber(id, email, firstName, lastName, hasAccess, hasPurchased, discountCode, state, source,
                emailsSent + 1, Optional.of(at), createdAt, updatedAt, version);
    }

    private Instant later(Instant now) {
        return now.isAfter(updatedAt) ? now : updatedAt;
    }
}
