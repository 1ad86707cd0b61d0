package dev.prompttracker.bench;

/** One row of the report. */
record Scenario(String name, String transport, int connections, double requestsPerSecond, double p50Millis,
                double p99Millis, double p999Millis, long errors, double cpuMillisPerRequest, double limitRatio) {
}
