package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One line per request once it is answered: client, method, path (without the query, which may carry
 * tokens), status and latency. The route, status and latency also go as key-value pairs, which JSON
 * logs write as fields of their own.
 */
final class AccessLog {
    static final String LOGGER = "dev.prompttracker.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private AccessLog() {
    }

    /** Armeria calls it inside the request's context, so the line carries the request id like every other. */
    static void write(RequestLog log) {
        int status = log.responseHeaders().status().code();
        long nanos = log.totalDurationNanos();
        ServiceRequestContext ctx = log.context() instanceof ServiceRequestContext service ? service : null;
        LOG.atInfo()
                .addKeyValue("method", log.requestHeaders().method().name())
                .addKeyValue("route", ctx == null ? "-" : ctx.config().route().patternString())
                .addKeyValue("status", status)
                .addKeyValue("latency_ms", nanos / 1_000 / 1_000.0)
                .log("{} {} {} {} {}ms", ctx == null ? "-" : ClientAddress.of(ctx).getHostAddress(),
                        log.requestHeaders().method(), log.requestHeaders().path().split("\\?", 2)[0], status,
                        TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
