package dev.prompttracker.cloudflare;

/**
 * On whose behalf a call is made, as far as the request budget cares: an anonymous request may only
 * spend its share, so that anonymous traffic can never take the budget from signed-in users and the
 * product's own work.
 */
@FunctionalInterface
public interface CallOrigin {
    /** Every call counts as the product's own (the default, and what background work is). */
    CallOrigin OWN = () -> false;

    /** True when the call being made serves a request without a signed-in caller. */
    boolean isAnonymous();
}
