package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.grpc.DataGrpcService;
import dev.prompttracker.adapter.http.transfer.ExportRecords;
import dev.prompttracker.adapter.http.transfer.ImportFormats;
import dev.prompttracker.application.port.in.ImportDataCommand;
import dev.prompttracker.application.port.in.ImportDataUseCase;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.TooLarge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/import?format=...} with the file as the body: the import read from the body as it
 * arrives (never the whole file in memory), answered with the ImportReport in its proto3 JSON mapping,
 * as the ImportData RPC answers it. A body over the format's limit is refused with 413: by its
 * declared length before anything is read, or when the limit is reached (the records before it stay).
 */
final class DataUpload implements HttpService {
    static final String PATH = "/api/import";
    /** How far past a format's limit Armeria's own cut-off lies, so that ours, with its message, comes first. */
    static final long SLACK_BYTES = 1024 * 1024;

    private final ImportDataUseCase imports;
    private final ImportFormats formats;

    DataUpload(ImportDataUseCase imports, ImportFormats formats) {
        this.imports = imports;
        this.formats = formats;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        ImportFormats.Format format = formats.find(QueryParams.fromQueryString(ctx.query()).get("format", ""));
        Actor actor = Caller.actor();
        long declared = req.headers().contentLength();
        if (declared > format.maxBytes()) {
            throw tooLarge(format);
        }
        ctx.setRequestTimeout(TimeoutMode.SET_FROM_NOW, DataGrpcService.TIMEOUT);
        ctx.setMaxRequestLength(format.maxBytes() + SLACK_BYTES);
        InputStream body = new Bounded(req.toInputStream(DataUpload::data), format);
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
            try (body) {
                var report = ExportRecords.report(imports.importData(new ImportDataCommand(actor, format.name(),
                        format.reader().read(body))));
                return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, ExportRecords.reportJson(report));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, ctx.blockingTaskExecutor()));
    }

    private static HttpData data(HttpObject object) {
        return object instanceof HttpData data ? data : HttpData.empty();
    }

    private static TooLarge tooLarge(ImportFormats.Format format) {
        return new TooLarge("an upload in the " + format.name() + " format takes at most "
                + format.maxBytes() / (1024 * 1024) + " MiB");
    }

    /** The body, refused past the format's limit. */
    private static final class Bounded extends FilterInputStream {
        private final ImportFormats.Format format;
        private long total;

        Bounded(InputStream in, ImportFormats.Format format) {
            super(in);
            this.format = format;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] into, int from, int length) throws IOException {
            int n = super.read(into, from, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            total += n;
            if (total > format.maxBytes()) {
                throw tooLarge(format);
            }
        }
    }
}
