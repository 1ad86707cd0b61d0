package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.QueryParams;
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
            HttpResponseWriter out = JsonLinesDownload.start("prompt-tracker-export-" + day + ".jsonl");
            out.write(HttpData.ofUtf8(ExportRecords.line(ExportRecords.record(first))));
            ctx.blockingTaskExecutor().execute(() -> JsonLinesDownload.pump(out, entries,
                    entry -> ExportRecords.line(ExportRecords.record(entry)), "data export"));
            return out;
        }, ctx.blockingTaskExecutor()));
    }
}
