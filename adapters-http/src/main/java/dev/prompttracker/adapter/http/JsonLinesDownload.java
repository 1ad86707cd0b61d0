package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;

import java.util.Iterator;
import java.util.function.Function;

/**
 * A JSON-lines download (the preference pairs, everything of one's own): the headers of an attachment,
 * then each line once the client took the one before, so memory holds one line however long the file.
 */
final class JsonLinesDownload {
    static final MediaType NDJSON = MediaType.parse("application/x-ndjson");
    private static final System.Logger LOG = System.getLogger(JsonLinesDownload.class.getName());

    private JsonLinesDownload() {
    }

    /** An answer whose headers are sent: an attachment named {@code filename}, never cached. */
    static HttpResponseWriter start(String filename) {
        HttpResponseWriter out = HttpResponse.streaming();
        out.write(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(NDJSON)
                .set("content-disposition", "attachment; filename=\"" + filename + "\"")
                .set("cache-control", "no-store")
                .build());
        return out;
    }

    /** Writes each item as its line (ending in a line break) at the client's pace, then ends the answer. */
    static <T> void pump(HttpResponseWriter out, Iterator<T> items, Function<? super T, String> line, String what) {
        try {
            while (items.hasNext()) {
                if (!out.tryWrite(HttpData.ofUtf8(line.apply(items.next())))) {
                    return; // the client went away
                }
                out.whenConsumed().join();
            }
            out.close();
        } catch (RuntimeException failure) {
            // Headers are sent: the client sees a cut download, the log says why.
            LOG.log(System.Logger.Level.WARNING, what + " stopped", failure);
            out.close(failure);
        }
    }
}
