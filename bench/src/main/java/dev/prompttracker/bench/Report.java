package dev.prompttracker.bench;

import java.util.List;
import java.util.Locale;

/** The run's results as a Markdown table with the facts needed to read it. */
final class Report {
    private Report() {
    }

    static String markdown(String title, List<String> facts, List<Scenario> rows) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n");
        for (String fact : facts) {
            out.append("- ").append(fact).append('\n');
        }
        out.append("\n| scenario | transport | conns | req/s | p50 ms | p99 ms | p99.9 ms | errors | of limit | CPU ms/req |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Scenario row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %s | %s | %s | %d | %s | %s |%n",
                    row.name(), row.transport(), row.connections(), row.requestsPerSecond(), millis(row.p50Millis()),
                    millis(row.p99Millis()), millis(row.p999Millis()), row.errors(),
                    Double.isNaN(row.limitRatio()) ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * row.limitRatio()),
                    Double.isNaN(row.cpuMillisPerRequest()) ? "—"
                            : String.format(Locale.ROOT, "%.3f", row.cpuMillisPerRequest())));
        }
        out.append(grpcVersusRest(rows));
        return out.toString();
    }

    /** gRPC req/s ÷ REST req/s for each gRPC row that has a REST row of the same scenario and connections. */
    static String grpcVersusRest(List<Scenario> rows) {
        StringBuilder out = new StringBuilder();
        for (Scenario grpc : rows) {
            if (!grpc.transport().startsWith("gRPC")) {
                continue;
            }
            rows.stream().filter(rest -> rest.transport().equals("REST") && rest.name().equals(grpc.name())
                            && rest.connections() == grpc.connections() && rest.requestsPerSecond() > 0)
                    .findFirst().ifPresent(rest -> out.append(String.format(Locale.ROOT,
                            "- gRPC vs REST, %s, %d connections: %.2f (%,.0f ÷ %,.0f req/s)%n", grpc.name(),
                            grpc.connections(), grpc.requestsPerSecond() / rest.requestsPerSecond(),
                            grpc.requestsPerSecond(), rest.requestsPerSecond())));
        }
        return out.isEmpty() ? "" : "\n" + out;
    }

    /** A latency, or a dash where the generator gave none. */
    private static String millis(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }
}
