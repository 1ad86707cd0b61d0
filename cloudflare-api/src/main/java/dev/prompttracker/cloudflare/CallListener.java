package dev.prompttracker.cloudflare;

/** Told about every request that reaches Cloudflare, so its cost can be counted (per route, per service). */
@FunctionalInterface
public interface CallListener {
    CallListener NONE = (service, operation, status) -> { };

    /** {@code status} is the HTTP status, or 0 when no answer came back. */
    void onCall(String service, String operation, int status);

    /** The rows one D1 call read and wrote, as D1 reports them (the units it bills). */
    default void onD1Rows(long read, long written) {
    }

    /**
     * The time D1 spent running one call's statements, as D1 reports it (each statement's
     * {@code meta.duration}): a database runs one statement at a time, so this bounds its throughput.
     */
    default void onD1Time(double sqlMillis) {
    }
}
