package dev.prompttracker.cloudflare.standin;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/** Faults to inject into the stand-in's next matching requests, consumed in order. */
public final class Faults {
    /** What to do instead of (or before) answering. */
    public record Fault(int status, Map<String, String> headers, String body, Duration delay, boolean reset,
                        boolean thenAnswer, boolean stallMidBody) {
        public static Fault status(int status, String body) {
            return new Fault(status, Map.of(), body, Duration.ZERO, false, false, false);
        }

        public static Fault rateLimited(long retryAfterSeconds) {
            return new Fault(429, Map.of("retry-after", Long.toString(retryAfterSeconds)),
                    "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Rate limited\"}],\"messages\":[],\"result\":null}",
                    Duration.ZERO, false, false, false);
        }

        public static Fault serverError(int status) {
            return status(status, "{\"success\":false,\"errors\":[{\"code\":10013,\"message\":\"Internal error\"}],"
                    + "\"messages\":[],\"result\":null}");
        }

        public static Fault malformed() {
            return status(200, "<html>gateway</html>");
        }

        public static Fault connectionReset() {
            return new Fault(0, Map.of(), "", Duration.ZERO, true, false, false);
        }

        /** Answers normally (the work is done), but only after the delay: a client with a shorter timeout loses the answer. */
        public static Fault slowAnswer(Duration delay) {
            return new Fault(0, Map.of(), "", delay, false, true, false);
        }

        /**
         * Does the work and sends the answer's headers and half its body at once, the rest only after the
         * delay: a client whose timeout ends with the headers waits for the whole delay.
         */
        public static Fault stalledBody(Duration delay) {
            return new Fault(0, Map.of(), "", delay, false, true, true);
        }

        /** Does the work, then drops the connection: the change is made but the client never hears of it. */
        public static Fault answerLost() {
            return new Fault(0, Map.of(), "", Duration.ZERO, true, true, false);
        }

        String describe() {
            if (reset) {
                return thenAnswer ? "answer lost (reset after the work)" : "connection reset";
            }
            if (stallMidBody) {
                return "body stalled (" + delay.toMillis() + " ms)";
            }
            if (thenAnswer) {
                return "slow answer (" + delay.toMillis() + " ms)";
            }
            return status + (headers.containsKey("retry-after") ? " Retry-After " + headers.get("retry-after") : "");
        }
    }

    private record Rule(String method, String pathContains, Fault fault) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private double share;
    private List<Fault> kinds = List.of();
    private Random random = new Random(0);
    private final Map<String, Integer> injected = new TreeMap<>();

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

    /**
     * From now on, each request that no queued rule matches fails with probability {@code share},
     * with one of {@code kinds} chosen at random (seeded, so a run can be repeated); the count of
     * {@link #injected()} starts again. A share of 0 stops it.
     */
    public synchronized Faults randomly(double share, List<Fault> kinds, long seed) {
        this.share = share;
        this.kinds = List.copyOf(kinds);
        this.random = new Random(seed);
        this.injected.clear();
        return this;
    }

    /** How many random faults were injected, by a short description of each kind. */
    public synchronized Map<String, Integer> injected() {
        return new TreeMap<>(injected);
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
        if (share > 0 && !kinds.isEmpty() && random.nextDouble() < share) {
            Fault fault = kinds.get(random.nextInt(kinds.size()));
            injected.merge(fault.describe(), 1, Integer::sum);
            return Optional.of(fault);
        }
        return Optional.empty();
    }

    public synchronized void clear() {
        rules.clear();
        share = 0;
    }

    /** Sends headers and the first half of the body, then the rest after {@code stall} (see {@link Fault#stalledBody}). */
    static void writeStalling(HttpExchange exchange, int status, byte[] body, Duration stall)
            throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        try {
            Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.write(body, body.length / 2, body.length - body.length / 2);
        out.close();
    }
}
