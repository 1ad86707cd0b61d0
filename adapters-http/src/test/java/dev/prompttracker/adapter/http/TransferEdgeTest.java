package dev.prompttracker.adapter.http;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpRequestWriter;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.GrpcTransport;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.adapter.http.transfer.ImportFormats;
import dev.prompttracker.adapter.http.transfer.JsonLinesReader;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.DataServiceGrpc;
import dev.prompttracker.proto.v1.DeletePromptRequest;
import dev.prompttracker.proto.v1.ExportDataRequest;
import dev.prompttracker.proto.v1.ExportRecord;
import dev.prompttracker.proto.v1.ImportCount;
import dev.prompttracker.proto.v1.ImportDataRequest;
import dev.prompttracker.proto.v1.ImportReport;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.RateResponseRequest;
import dev.prompttracker.proto.v1.Response;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ExportData and ImportData over gRPC, the download and the upload over REST: the same file, reports and errors. */
class TransferEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    /** The upload route alone, with a 4 KiB limit, to see the 413s without sending gigabytes. */
    @RegisterExtension
    static final ServerExtension smallUploads = new ServerExtension() {
        @Override
        protected void configure(ServerBuilder sb) {
            sb.errorHandler(dev.prompttracker.adapter.http.error.ErrorMapper.serverErrorHandler());
            sb.route().post(DataUpload.PATH).build(new DataUpload(server.app.importData(), new ImportFormats(List.of(
                    new ImportFormats.Format(new JsonLinesReader(), 4096)))).decorate(AuthDecorator.newDecorator(
                    server.app.authenticate())));
        }
    };

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private static String seed(Transport t, String token) {
        Prompt prompt = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle("Haiku")
                .setContent("Write a haiku").addTags("poetry").build()).ok();
        server.clock.advance(Duration.ofSeconds(1));
        t.call(Rpcs.UPDATE_PROMPT, token, UpdatePromptRequest.newBuilder().setId(prompt.getId())
                .setContent("Write a haiku about rain").setVersionMessage("rain").build()).ok();
        Response response = t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(prompt.getId())
                .setModelName("gpt-4o").setContent("Drops on the window").build()).ok();
        t.call(Rpcs.RATE_RESPONSE, token, RateResponseRequest.newBuilder().setPromptId(prompt.getId())
                .setResponseId(response.getId()).setStars(5).setNote("lovely").build()).ok();
        return prompt.getId();
    }

    private static String token(Transport t) {
        return server.newUser(t).getAccessToken();
    }

    private static AggregatedHttpResponse download(String token, String query) {
        var headers = RequestHeaders.builder(HttpMethod.GET, DataDownload.PATH + query);
        if (token != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return server.blockingWebClient().execute(HttpRequest.of(headers.build()));
    }

    private static List<ExportRecord> records(String jsonLines) throws Exception {
        List<ExportRecord> records = new ArrayList<>();
        for (String line : jsonLines.lines().toList()) {
            ExportRecord.Builder record = ExportRecord.newBuilder();
            PARSER.merge(line, record);
            records.add(record.build());
        }
        return records;
    }

    private static List<ExportRecord> exportOverGrpc(String token) {
        List<ExportRecord> records = new ArrayList<>();
        server.grpc().stub(DataServiceGrpc.DataServiceBlockingStub.class, token)
                .exportData(ExportDataRequest.getDefaultInstance()).forEachRemaining(records::add);
        return records;
    }

    private static AggregatedHttpResponse upload(WebClient client, String token, String format, String body) {
        return client.blocking().execute(HttpRequest.of(RequestHeaders.builder(HttpMethod.POST,
                        DataUpload.PATH + "?format=" + format)
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.parse("application/x-ndjson")).build(), HttpData.ofUtf8(body)));
    }

    private static ImportReport report(AggregatedHttpResponse response) throws Exception {
        assertThat(response.status().code()).as(response.contentUtf8()).isEqualTo(200);
        ImportReport.Builder report = ImportReport.newBuilder();
        PARSER.merge(response.contentUtf8(), report);
        return report.build();
    }

    /** Calls ImportData with the given messages and waits for the report (or the failure). */
    private static ImportReport importOverGrpc(String token, List<ImportDataRequest> messages) throws Exception {
        CompletableFuture<ImportReport> result = new CompletableFuture<>();
        StreamObserver<ImportDataRequest> upload = server.grpc().stub(DataServiceGrpc.DataServiceStub.class, token)
                .importData(new StreamObserver<>() {
                    @Override
                    public void onNext(ImportReport report) {
                        result.complete(report);
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        messages.forEach(upload::onNext);
        upload.onCompleted();
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static ImportCount count(ImportReport report, String kind) {
        return report.getCountsList().stream().filter(c -> c.getKind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void theDownloadIsTheExportDataStreamOneJsonLineARecord() throws Exception {
        Transport rest = server.rest();
        String token = token(rest);
        seed(rest, token);
        AggregatedHttpResponse download = download(token, "?format=jsonl");
        assertThat(download.status().code()).as(download.contentUtf8()).isEqualTo(200);
        assertThat(download.headers().contentType().toString()).startsWith("application/x-ndjson");
        assertThat(download.headers().get(HttpHeaderNames.CONTENT_DISPOSITION))
                .matches("attachment; filename=\"prompt-tracker-export-\\d{4}-\\d{2}-\\d{2}\\.jsonl\"");
        assertThat(download.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        List<String> lines = download.contentUtf8().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotStartWith(" "));
        assertThat(lines.get(1)).contains("\"isPublic\":false").contains("\"textVersion\":2");

        List<ExportRecord> overRest = records(download.contentUtf8());
        assertThat(overRest).extracting(ExportRecord::getRecordCase).containsExactly(
                ExportRecord.RecordCase.HEADER, ExportRecord.RecordCase.PROMPT, ExportRecord.RecordCase.VERSION,
                ExportRecord.RecordCase.VERSION, ExportRecord.RecordCase.RESPONSE, ExportRecord.RecordCase.RATING);
        assertThat(overRest.getFirst().getHeader().getFormat()).isEqualTo("prompt-tracker");
        assertThat(overRest.get(3).getVersion().getText()).isEqualTo("Write a haiku about rain");
        assertThat(overRest.get(3).getVersion().getMessage()).isEqualTo("rain");
        assertThat(exportOverGrpc(token)).as("gRPC and REST agree").isEqualTo(overRest);
    }

    @Test
    void exportDeleteImportIsExactAndASecondImportAddsNothingOnBothTransports() throws Exception {
        Transport rest = server.rest();
        String token = token(rest);
        String prompt = seed(rest, token);
        String file = download(token, "").contentUtf8();
        List<ExportRecord> before = records(file);

        rest.call(Rpcs.DELETE_PROMPT, token, DeletePromptRequest.newBuilder().setId(prompt).build()).ok();
        ImportReport overRest = report(upload(server.webClient(), token, "jsonl", file));
        assertThat(overRest.getSkippedTotal()).isZero();
        assertThat(count(overRest, "prompt").getCreated()).isEqualTo(1);
        assertThat(count(overRest, "version").getCreated()).isEqualTo(2);
        assertThat(count(overRest, "response").getCreated()).isEqualTo(1);
        assertThat(count(overRest, "rating").getCreated()).isEqualTo(1);
        assertThat(records(download(token, "").contentUtf8())).isEqualTo(before);

        ImportReport again = report(upload(server.webClient(), token, "jsonl", file));
        ImportReport piped = importOverGrpc(token, pipe(before));
        ImportReport chunked = importOverGrpc(token, chunks("jsonl", file.getBytes(StandardCharsets.UTF_8), 7));
        assertThat(again.getCountsList()).allSatisfy(c -> assertThat(c.getCreated()).isZero());
        assertThat(count(again, "prompt").getAlreadyPresent()).isEqualTo(1);
        assertThat(piped).as("typed records report as the file does").isEqualTo(again);
        assertThat(chunked).as("bytes over gRPC report as the REST upload").isEqualTo(again);
        assertThat(records(download(token, "").contentUtf8())).isEqualTo(before);
    }

    /** ExportData piped into ImportData: the format first, then each record as it is. */
    private static List<ImportDataRequest> pipe(List<ExportRecord> records) {
        List<ImportDataRequest> messages = new ArrayList<>();
        messages.add(ImportDataRequest.newBuilder().setFormat("jsonl").build());
        records.forEach(r -> messages.add(ImportDataRequest.newBuilder().setRecord(r).build()));
        return messages;
    }

    private static List<ImportDataRequest> chunks(String format, byte[] file, int size) {
        List<ImportDataRequest> messages = new ArrayList<>();
        for (int at = 0; at < file.length; at += size) {
            ImportDataRequest.Builder message = ImportDataRequest.newBuilder()
                    .setData(ByteString.copyFrom(file, at, Math.min(size, file.length - at)));
            if (at == 0) {
                message.setFormat(format);
            }
            messages.add(message.build());
        }
        return messages;
    }

    @Test
    void anotherUsersFileGetsNewIdsAndBadLinesAreReportedOnBothTransports() throws Exception {
        Transport rest = server.rest();
        String ada = token(rest);
        seed(rest, ada);
        String file = download(ada, "").contentUtf8();
        String broken = file + "{not json\n" + "{}\n";
        String bob = token(rest);
        String carol = token(rest);
        ImportReport overRest = report(upload(server.webClient(), bob, "jsonl", broken));
        ImportReport overGrpc = importOverGrpc(carol, chunks("jsonl", broken.getBytes(StandardCharsets.UTF_8), 1000));
        for (ImportReport report : List.of(overRest, overGrpc)) {
            assertThat(count(report, "prompt").getCreated()).isEqualTo(1);
            assertThat(report.getSkippedTotal()).isEqualTo(2);
            assertThat(report.getSkippedList()).extracting(i -> i.getLocation())
                    .containsExactly("line 7", "line 8");
            assertThat(report.getSkipped(0).getReason()).startsWith("not a record of an export");
        }
        List<ExportRecord> bobs = records(download(bob, "").contentUtf8());
        List<ExportRecord> adas = records(file);
        assertThat(bobs.get(1).getPrompt().getId()).isNotEqualTo(adas.get(1).getPrompt().getId());
        assertThat(bobs.get(1).getPrompt().getText()).isEqualTo(adas.get(1).getPrompt().getText());
    }

    private static byte[] fixture(String name) throws Exception {
        try (var in = TransferEdgeTest.class.getResourceAsStream("/transfer/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anotherToolsFilesImportAlikeOnBothTransportsAndOnlyOnce() throws Exception {
        Transport rest = server.rest();
        for (String[] file : new String[][] {{"prompts-chat-csv", "prompts-chat.csv"},
                {"promptfoo", "promptfoo-results.json"}, {"promptfoo", "promptfoo-results.yaml"}}) {
            byte[] bytes = fixture(file[1]);
            String ada = token(rest);
            String bob = token(rest);
            ImportReport overRest = report(upload(server.webClient(), ada, file[0],
                    new String(bytes, StandardCharsets.UTF_8)));
            ImportReport overGrpc = importOverGrpc(bob, chunks(file[0], bytes, 700));
            assertThat(overGrpc).as(file[1]).isEqualTo(overRest);
            boolean csv = file[0].equals("prompts-chat-csv");
            assertThat(count(overRest, "prompt").getCreated()).as(file[1]).isEqualTo(csv ? 5 : 2);
            assertThat(count(overRest, "response").getCreated()).as(file[1]).isEqualTo(csv ? 0 : 5);
            assertThat(overRest.getSkippedTotal()).as(file[1]).isEqualTo(csv ? 2 : 1);

            ImportReport again = report(upload(server.webClient(), ada, file[0], new String(bytes, StandardCharsets.UTF_8)));
            assertThat(count(again, "prompt").getCreated()).as(file[1]).isZero();
            assertThat(count(again, "prompt").getAlreadyPresent()).as(file[1]).isEqualTo(csv ? 5 : 2);
            assertThat(count(again, "response").getCreated()).as(file[1]).isZero();
            List<ExportRecord> adas = records(download(ada, "").contentUtf8());
            assertThat(adas.stream().filter(ExportRecord::hasPrompt).count()).as(file[1]).isEqualTo(csv ? 5 : 2);
            assertThat(adas.stream().filter(ExportRecord::hasPrompt)).as(file[1])
                    .allSatisfy(r -> assertThat(r.getPrompt().getIsPublic()).isFalse());
        }
    }

    @Test
    void badRequestsAreRefusedAlikeOnBothTransports() throws Exception {
        Transport rest = server.rest();
        String token = token(rest);
        AggregatedHttpResponse unknown = upload(server.webClient(), token, "csv", "a,b\n");
        assertThat(unknown.status().code()).isEqualTo(400);
        assertThat(unknown.headers().contentType().toString()).contains("problem+json");
        assertThat(unknown.contentUtf8()).contains("jsonl");
        assertThatThrownBy(() -> importOverGrpc(token, chunks("csv", "a,b\n".getBytes(StandardCharsets.UTF_8), 10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("jsonl");
                });
        AggregatedHttpResponse notAnExport = upload(server.webClient(), token, "jsonl", "{\"prompt\":{}}\n");
        assertThat(notAnExport.status().code()).isEqualTo(400);
        assertThat(notAnExport.contentUtf8()).contains("header");

        assertThat(download(null, "").status().code()).isEqualTo(401);
        assertThat(download(token, "?format=csv").status().code()).isEqualTo(400);
        assertThat(server.blockingWebClient().execute(HttpRequest.of(RequestHeaders.builder(HttpMethod.POST,
                DataUpload.PATH + "?format=jsonl").build(), HttpData.ofUtf8(""))).status().code()).isEqualTo(401);
        assertThatThrownBy(() -> exportOverGrpc(null)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> importOverGrpc(null, pipe(List.of())))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void anUploadOverTheLimitIs413ByItsDeclaredLengthOrWhenItGetsThere() throws Exception {
        Transport rest = server.rest();
        String token = token(rest);
        seed(rest, token);
        String file = download(token, "").contentUtf8();
        String bob = token(rest);

        AggregatedHttpResponse declared = upload(smallUploads.webClient(), bob, "jsonl", "x".repeat(5000));
        assertThat(declared.status().code()).isEqualTo(413);
        assertThat(declared.contentUtf8()).contains("at most");

        // Streamed without a length: the records before the limit are imported, each whole.
        HttpRequestWriter request = HttpRequest.streaming(RequestHeaders.builder(HttpMethod.POST,
                DataUpload.PATH + "?format=jsonl").set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bob).build());
        CompletableFuture<AggregatedHttpResponse> answer = smallUploads.webClient().execute(request).aggregate();
        request.write(HttpData.ofUtf8(file));
        request.write(HttpData.ofUtf8("x".repeat(5000) + "\n"));
        request.close();
        AggregatedHttpResponse cut = answer.get(30, TimeUnit.SECONDS);
        assertThat(cut.status().code()).as(cut.contentUtf8()).isEqualTo(413);
        assertThat(records(download(bob, "").contentUtf8())).as("the whole records before the limit stay")
                .extracting(ExportRecord::getRecordCase).contains(ExportRecord.RecordCase.PROMPT,
                        ExportRecord.RecordCase.RATING);
    }

    @Test
    void aGrpcUploadMayBeLargerThanTheRequestLimitOfOtherCalls() throws Exception {
        Transport rest = server.rest();
        String token = token(rest);
        StringBuilder file = new StringBuilder(download(token, "").contentUtf8());
        // Blank lines pad the file past the edge's 128 KiB request limit (EdgeServer allows 64 KiB messages).
        file.append("\n".repeat(512 * 1024));
        ImportReport report = importOverGrpc(token, chunks("jsonl", file.toString().getBytes(StandardCharsets.UTF_8),
                32 * 1024));
        assertThat(report.getSkippedTotal()).isZero();
    }

    /**
     * A slow reader sets the pace: with the client taking a few records and then nothing, the server has read
     * only a bounded number of bodies past them, on both transports.
     */
    @Test
    void theExportRunsOnlyAsFarAheadAsTheClientReads() throws Exception {
        Transport rest = server.rest();
        String token = token(rest);
        String body = "b".repeat(256 * 1024);
        var actor = server.app.authenticate().authenticate(token);
        for (int i = 0; i < 60; i++) {
            // Through the core: the edge under test takes requests of at most 64 KiB.
            server.app.createPrompt().createPrompt(new dev.prompttracker.application.port.in.CreatePromptCommand(
                    actor, "", i + body, false, List.of()));
        }
        int bound = 24; // about 6 MiB of transport buffers at 256 KiB a record

        // gRPC: ask for 3 messages, then stop reading.
        int readsBefore = server.blobs.reads();
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Void> three = new CompletableFuture<>();
        CompletableFuture<ClientCallStreamObserver<ExportDataRequest>> grpcCall = new CompletableFuture<>();
        server.grpc().stub(DataServiceGrpc.DataServiceStub.class, token).exportData(ExportDataRequest.getDefaultInstance(),
                new ClientResponseObserver<ExportDataRequest, ExportRecord>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<ExportDataRequest> call) {
                        grpcCall.complete(call);
                        call.disableAutoRequestWithInitial(3);
                    }

                    @Override
                    public void onNext(ExportRecord value) {
                        if (received.incrementAndGet() == 3) {
                            three.complete(null);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        three.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        three.get(30, TimeUnit.SECONDS);
        Thread.sleep(500); // room to run ahead, if the server did not wait for the client
        assertThat(server.blobs.reads() - readsBefore).as("bodies read over gRPC").isLessThanOrEqualTo(3 + bound);
        grpcCall.get().cancel("read enough", null);

        // REST: take 3 chunks of the download, then stop reading.
        int restBefore = server.blobs.reads();
        CompletableFuture<Void> taken = new CompletableFuture<>();
        AtomicInteger chunks = new AtomicInteger();
        // A connection of its own: the cancelled call's unread data may still hold the shared one's window.
        var factory = com.linecorp.armeria.client.ClientFactory.builder().build();
        WebClient.builder(server.httpUri()).factory(factory).build().execute(RequestHeaders.builder(HttpMethod.GET, DataDownload.PATH)
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).build()).subscribe(new Subscriber<HttpObject>() {
                    @Override
                    public void onSubscribe(Subscription s) {
                        s.request(4); // the headers and three lines
                    }

                    @Override
                    public void onNext(HttpObject object) {
                        if (object instanceof HttpData && chunks.incrementAndGet() == 3) {
                            taken.complete(null);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        taken.completeExceptionally(t);
                    }

                    @Override
                    public void onComplete() {
                    }
                });
        taken.get(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        assertThat(server.blobs.reads() - restBefore).as("bodies read over REST").isLessThanOrEqualTo(3 + bound);
        assertThat(server.blobs.reads() - readsBefore).as("neither export ran to the end").isLessThan(2 * 60);
        factory.closeAsync();
    }
}
