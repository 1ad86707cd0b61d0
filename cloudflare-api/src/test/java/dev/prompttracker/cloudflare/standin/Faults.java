package dev.prompttracker.cloudflare.standin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Faults to inject into the stand-in's next matching requests, consumed in order. */
public final class Faults {
    /** What to do instead of (or before) answering. */
    public record Fault(int status, Map<String, String> headers, String body, Duration delay, boolean reset,
                        boolean thenAnswer) {
        public static Fault status(int status, String body) {
            return new Fault(status, Map.of(), body, Duration.ZERO, false, false);
        }

        public static Fault rateLimited(long retryAfterSeconds) {
            return new Fault(429, Map.of("retry-after", Long.toString(retryAfterSeconds)),
                    "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Rate limited\"}],\"messages\":[],\"result\":null}",
                    Duration.ZERO, false, false);
        }

        public static Fault serverError(int status) {
            return status(status, "{\"success\":false,\"errors\":[{\"code\":10013,\"message\":\"Internal error\"}],"
                    + "\"messages\":[],\"result\":null}");
        }

        public static Fault malformed() {
            return status(200, "<html>gateway</html>");
        }

        public static Fault connectionReset() {
            return new Fault(0, Map.of(), "", Duration.ZERO, true, false);
        }

        /** Answers normally (the work is done), but only after the delay: a client with a shorter timeout loses the answer. */
        public static Fault slowAnswer(Duration delay) {
            return new Fault(0, Map.of(), "", delay, false, true);
        }

        /** Does the work, then drops the connection: the change is made but the client never hears of it. */
        public static Fault answerLost() {
            return new Fault(0, Map.of(), "", Duration.ZERO, true, true);
        }
    }

    private record Rule(String method, String pathContains, Fault fault) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** The next request whose method matches (null = any) and whose path contains {@code pathContains} gets {@code fault}. */
    public synchronized Faults next(String method, String pathContains, Fault fault) {
        rules.add(new Rule(method, pathContains, fault));
        return this;
    }

    public synchronized Faults next(String method, String pathContains, Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            next(method, pathContains, fault);
        }
        return this;
    }

    synchronized Optional<Fault> take(String method, String path) {
        Iterator<Rule> iterator = rules.iterator();
        while (iterator.hasNext()) {
            Rule rule = iterator.next();
            if ((rule.method() == null || rule.method().equals(method)) && path.contains(rule.pathContains())) {
                iterator.remove();
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }

    public synchronized void clear() {
        rules.clear();
    }
}
