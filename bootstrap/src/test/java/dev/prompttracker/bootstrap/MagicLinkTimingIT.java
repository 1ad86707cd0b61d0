package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking for a sign-in link takes the same time for an address the product knows and for one it does
 * not: the request path does the same work for both (check the limits, queue a job) and the email
 * worker, in the background, decides what to send. Measured on the real product on its embedded
 * defaults, 200 requests of each kind, interleaved so that the worker's background work weighs on both.
 */
class MagicLinkTimingIT {
    private static final int MEASURED = 200;
    private static final int WARM_UP = 50;

    @TempDir
    Path dataDir;

    @Test
    void knownAndUnknownAddressesTakeTheSameTimeAndGetTheSameAnswer() {
        EmbeddedDeployment deployment = new EmbeddedDeployment(dataDir);
        try (PromptTracker app = deployment.start(Map.of(
                "RATE_LIMIT_MAGIC_LINK_PER_IP", "1000000/1m",
                "RATE_LIMIT_MAGIC_LINK_PER_EMAIL", "1000000/1m"))) {
            RestClient rest = new RestClient(app.port());
            assertThat(rest.post("/api/subscribers", null, Map.of("email", "known@example.com")).status()).isEqualTo(200);
            rest.post("/api/auth/register", null, Map.of("username", "holder", "email", "holder@example.com",
                    "password", "correct horse battery"));

            List<Long> known = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            String knownAnswer = null;
            String unknownAnswer = null;
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                String knownAddress = i % 2 == 0 ? "known@example.com" : "holder@example.com";
                String unknownAddress = "nobody" + i + "@example.com";
                // Alternate which goes first, so neither kind always follows the other.
                boolean knownFirst = i % 4 < 2;
                Timed first = timed(rest, knownFirst ? knownAddress : unknownAddress);
                Timed second = timed(rest, knownFirst ? unknownAddress : knownAddress);
                Timed knownTimed = knownFirst ? first : second;
                Timed unknownTimed = knownFirst ? second : first;
                assertThat(knownTimed.reply().status()).isEqualTo(200);
                assertThat(unknownTimed.reply().status()).isEqualTo(200);
                knownAnswer = knownTimed.reply().body().toString();
                unknownAnswer = unknownTimed.reply().body().toString();
                assertThat(knownAnswer).isEqualTo(unknownAnswer);
                if (i >= WARM_UP) {
                    known.add(knownTimed.nanos());
                    unknown.add(unknownTimed.nanos());
                }
            }

            double knownMedian = median(known) / 1e6;
            double unknownMedian = median(unknown) / 1e6;
            assertThat(Math.abs(knownMedian - unknownMedian))
                    .as("median known %.2f ms, unknown %.2f ms", knownMedian, unknownMedian)
                    .isLessThan(1.0);
            assertThat(deployment.awaitEmailTo("known@example.com", java.time.Duration.ofSeconds(20)))
                    .as("the known address did get its link").contains("/auth/verify?token=");
        }
    }

    private record Timed(RestClient.Reply reply, long nanos) {
    }

    private static Timed timed(RestClient rest, String email) {
        long start = System.nanoTime();
        RestClient.Reply reply = rest.post("/api/auth/magic-link", null, Map.of("email", email));
        return new Timed(reply, System.nanoTime() - start);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
