package dev.prompttracker.domain.subscriber;

/**
 * Where a subscriber stands with the list (Kit and Ghost keep the same distinction): only ACTIVE
 * subscribers are mailed; the others keep their history but receive nothing.
 */
public enum SubscriberState {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED
}
