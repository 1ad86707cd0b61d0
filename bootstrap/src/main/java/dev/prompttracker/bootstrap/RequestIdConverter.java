package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.linecorp.armeria.common.RequestContext;

/**
 * {@code %reqId} in the log pattern: the id of the request being served on the logging thread (the
 * same id as the {@code x-request-id} response header), or {@code -} outside a request.
 */
public final class RequestIdConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String id = current();
        return id == null ? "-" : id;
    }

    /** The id of the request being served on this thread, or null outside a request. */
    static String current() {
        RequestContext ctx = RequestContext.currentOrNull();
        return ctx == null ? null : ctx.id().text();
    }
}
