package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.cloudflare.CallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every call to a paid remote store (Cloudflare D1, KV, Queues, R2; the mail provider) by
 * the API route being served when it was made, so the cost of each endpoint in remote calls can be
 * read from {@code /metrics} ({@code store_calls_total{route, service, operation, outcome}}), and
 * D1's rows read and written likewise ({@code d1_rows_total{route, kind}}), and the time D1 reports
 * running them ({@code d1_sql_seconds_total{route}}).
 */
final class CallMetrics implements CallListener {
    static final String NAME = "store_calls";
    static final String ROWS = "d1_rows";
    static final String SQL_TIME = "d1_sql_seconds";
    private final MeterRegistry registry;

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCall(String service, String operation, int status) {
        Counter.builder(NAME)
                .description("calls to remote stores, by the API route that caused them")
                .tag("route", currentRoute())
                .tag("service", service)
                .tag("operation", operation)
                .tag("outcome", status == 0 ? "no-answer" : status < 400 ? "ok" : Integer.toString(status))
                .register(registry)
                .increment();
    }

    @Override
    public void onD1Rows(long read, long written) {
        rows("read", read);
        rows("written", written);
    }

    @Override
    public void onD1Time(double sqlMillis) {
        if (sqlMillis > 0) {
            Counter.builder(SQL_TIME)
                    .description("the time D1 reports running the statements, by the API route that caused them")
                    .tag("route", currentRoute())
                    .register(registry)
                    .increment(sqlMillis / 1000);
        }
    }

    private void rows(String kind, long count) {
        if (count > 0) {
            Counter.builder(ROWS)
                    .description("D1 rows read and written (the units D1 bills), by the API route that caused them")
                    .tag("route", currentRoute())
                    .tag("kind", kind)
                    .register(registry)
                    .increment(count);
        }
    }

    /** The R2 (S3 SDK) side: one call of the given operation. */
    void onObjectStoreCall(String operation) {
        onCall("r2", operation, 200);
    }

    static String currentRoute() {
        RequestContext ctx = RequestContext.currentOrNull();
        if (ctx instanceof ServiceRequestContext service) {
            return service.config().route().patternString();
        }
        return "background";
    }
}
