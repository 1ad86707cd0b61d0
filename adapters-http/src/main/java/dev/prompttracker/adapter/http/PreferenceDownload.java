package dev.prompttracker.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.ExportPreferencesQuery;
import dev.prompttracker.application.port.in.ExportPreferencesUseCase;
import dev.prompttracker.application.port.in.PreferenceExample;
import dev.prompttracker.application.port.in.PreferenceExportPage;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Invalid;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/export/preferences?format=jsonl[&scope=mine|public]}: every preference pair of the
 * scope as JSON lines ({"prompt", "chosen", "rejected", ...}, the shape preference-tuning datasets
 * use), streamed page by page through the same use case as the ExportPreferences RPC, so memory holds
 * one page at a time. The transcoder answers a server-streaming RPC with one JSON array, not lines, so
 * the download is a route of its own. The first page is read before the answer starts: a bad request
 * is answered as a problem document, like every other route.
 */
final class PreferenceDownload implements HttpService {
    static final String PATH = "/api/export/preferences";
    /** Lines of up to three bodies of up to 1 MiB each: small pages keep memory bounded. */
    static final int PAGE_SIZE = 10;
    /** A whole dataset may take a while; the answer still ends. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportPreferencesUseCase export;

    PreferenceDownload(ExportPreferencesUseCase export) {
        this.export = export;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        QueryParams params = QueryParams.fromQueryString(ctx.query());
        String format = params.get("format", "jsonl");
        if (!format.equals("jsonl")) {
            throw Invalid.field("format", "must be jsonl");
        }
        String scope = params.get("scope", "");
        Actor actor = Caller.actor();
        ClientInfo client = Caller.client();
        ctx.setRequestTimeout(TimeoutMode.SET_FROM_NOW, TIMEOUT);
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
            PreferenceExportPage first = page(actor, scope, "", client);
            HttpResponseWriter out = JsonLinesDownload.start("preferences.jsonl");
            Iterator<PreferenceExample> examples = new Pages(first, actor, scope, client);
            ctx.blockingTaskExecutor().execute(() -> JsonLinesDownload.pump(out, examples, PreferenceDownload::line,
                    "preference export"));
            return out;
        }, ctx.blockingTaskExecutor()));
    }

    private PreferenceExportPage page(Actor actor, String scope, String token, ClientInfo client) {
        return export.exportPreferences(new ExportPreferencesQuery(actor, scope, token, PAGE_SIZE, client));
    }

    /** The examples of page after page, the next page read when the one before is written. */
    private final class Pages implements Iterator<PreferenceExample> {
        private final Actor actor;
        private final String scope;
        private final ClientInfo client;
        private PreferenceExportPage page;
        private Iterator<PreferenceExample> onPage;

        Pages(PreferenceExportPage first, Actor actor, String scope, ClientInfo client) {
            this.page = first;
            this.onPage = first.examples().iterator();
            this.actor = actor;
            this.scope = scope;
            this.client = client;
        }

        @Override
        public boolean hasNext() {
            while (!onPage.hasNext() && page.nextPageToken().isPresent()) {
                page = page(actor, scope, page.nextPageToken().get(), client);
                onPage = page.examples().iterator();
            }
            return onPage.hasNext();
        }

        @Override
        public PreferenceExample next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return onPage.next();
        }
    }

    static String line(PreferenceExample example) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("prompt", example.prompt());
        line.put("chosen", example.chosen());
        line.put("rejected", example.rejected());
        line.put("chosen_model", example.chosenModel().value());
        line.put("rejected_model", example.rejectedModel().value());
        line.put("reason", example.reason().value());
        line.put("prompt_id", example.promptId().value());
        line.put("chosen_response_id", example.chosenId().value());
        line.put("rejected_response_id", example.rejectedId().value());
        line.put("updated_at", example.updatedAt().toString());
        try {
            return JSON.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
