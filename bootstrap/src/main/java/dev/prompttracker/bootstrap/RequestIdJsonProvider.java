package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * {@code request_id} in JSON log lines, as {@link RequestIdConverter} is in text ones: the id of the
 * request being served on the logging thread (the {@code x-request-id} response header); absent
 * outside a request.
 */
final class RequestIdJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {
    static final String FIELD = "request_id";

    RequestIdJsonProvider() {
        setFieldName(FIELD);
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) {
        String id = RequestIdConverter.current();
        if (id != null) {
            generator.writeStringProperty(getFieldName(), id);
        }
    }
}
