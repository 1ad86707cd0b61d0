package dev.prompttracker.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The product's own counters ({@code /metrics}): Armeria's {@code http_server_requests_total},
 * which tags a gRPC call answered with a grpc-status other than OK as {@code result="failure"} even
 * though its HTTP status is 200: the failures h2load cannot see.
 */
final class ProductMetrics {
    private static final String COUNTER = "http_server_requests_total{";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ProductMetrics(String base) {
        this.base = base;
    }

    /** Failed calls of {@code fullMethod} so far, or empty when the product serves no metrics. */
    OptionalLong failedCalls(String fullMethod) throws InterruptedException {
        return exposition().map(text -> OptionalLong.of(failedCalls(text, fullMethod))).orElse(OptionalLong.empty());
    }

    /** A counter's total over all its label sets, or empty when the product serves no metrics. */
    OptionalDouble counterTotal(String name) throws InterruptedException {
        return exposition().map(text -> OptionalDouble.of(counterTotal(text, name))).orElse(OptionalDouble.empty());
    }

    private Optional<String> exposition() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sums the values of every series of the counter {@code name} in a Prometheus text exposition. */
    static double counterTotal(String exposition, String name) {
        return exposition.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Sums the failure counts of {@code service/method} over every label set in a Prometheus text exposition. */
    static long failedCalls(String exposition, String fullMethod) {
        int slash = fullMethod.lastIndexOf('/');
        String service = "service=\"" + fullMethod.substring(0, slash) + "\"";
        String method = "method=\"" + fullMethod.substring(slash + 1) + "\"";
        return exposition.lines()
                .filter(line -> line.startsWith(COUNTER) && line.contains(service) && line.contains(method)
                        && line.contains("result=\"failure\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
