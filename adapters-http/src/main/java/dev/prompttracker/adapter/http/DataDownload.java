package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.grpc.DataGrpcService;
import dev.prompttracker.adapter.http.transfer.ExportRecords;
import dev.prompttracker.application.port.in.ExportDataQuery;
import dev.prompttracker.application.port.in.ExportDataUseCase;
import dev.prompttracker.application.port.in.ExportEntry;
import dev.prompttracker.domain.auth.Actor;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/export?format=jsonl}: everything of the caller's as JSON lines, each line one
 * ExportRecord of the ExportData RPC in its proto3 JSON mapping (transfer.proto defines the file). A
 * route of its own, as the transcoder would answer a stream with one JSON array. The next record is read
 * from the stores only once the client took the line before, so memory holds one body at a time however
 * large the export. The query is checked before the answer starts: a bad one gets a problem document.
 */
final class DataDownload implements HttpService {
    static final String PATH = "/api/export";
    private static final System.Logger LOG = System.getLogger(DataDownload.class.getName());

    private final ExportDataUseCase export;

    DataDownload(ExportDataUseCase export) {
        this.export = export;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        String format = QueryParams.fromQueryString(ctx.query()).get("format", "jsonl");
        Actor actor = Caller.actor();
        ctx.setRequestTimeout(TimeoutMode.SET_FROM_NOW, DataGrpcService.TIMEOUT);
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
            Iterator<ExportEntry> entries = export.exportData(new ExportDataQuery(actor, format));
            // The header comes first and names the day of the export (the core's clock, not ours).
            ExportEntry first = entries.next();
            LocalDate day = first instanceof ExportEntry.Header header
                    ? LocalDate.ofInstant(header.exportedAt(), ZoneOffset.UTC) : LocalDate.EPOCH;
            HttpResponseWriter out = HttpResponse.streaming();
            out.write(ResponseHeaders.builder(HttpStatus.OK)
                    .contentType(PreferenceDownload.NDJSON)
                    .set("content-disposition", "attachment; filename=\"prompt-tracker-export-"
                            + day + ".jsonl\"")
                    .set("cache-control", "no-store")
                    .build());
            out.write(HttpData.ofUtf8(ExportRecords.line(ExportRecords.record(first))));
            ctx.blockingTaskExecutor().execute(() -> pump(out, entries));
            return out;
        }, ctx.blockingTaskExecutor()));
    }

    /** Writes record after record, each once the client took the one before (back-pressure). */
    private static void pump(HttpResponseWriter out, Iterator<ExportEntry> entries) {
        try {
            while (entries.hasNext()) {
                if (!out.tryWrite(HttpData.ofUtf8(ExportRecords.line(ExportRecords.record(entries.next()))))) {
                    return; // the client went away
                }
                out.whenConsumed().join();
            }
            out.close();
        } catch (RuntimeException failure) {
            // Headers are sent: the client sees a cut download, the log says why.
            LOG.log(System.Logger.Level.WARNING, "data export stopped", failure);
            out.close(failure);
        }
    }
}
