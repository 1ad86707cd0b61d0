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
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %.2f | %.2f | %.2f | %d | %s | %s |%n",
                    row.name(), row.transport(), row.connections(), row.requestsPerSecond(), row.p50Millis(),
                    row.p99Millis(), row.p999Millis(), row.errors(),
                    Double.isNaN(row.limitRatio()) ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * row.limitRatio()),
                    Double.isNaN(row.cpuMillisPerRequest()) ? "—"
                            : String.format(Locale.ROOT, "%.3f", row.cpuMillisPerRequest())));
        }
        return out.toString();
    }
}
