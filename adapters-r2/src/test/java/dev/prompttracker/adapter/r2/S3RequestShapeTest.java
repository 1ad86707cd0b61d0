package dev.prompttracker.adapter.r2;

import com.sun.net.httpserver.HttpServer;
import dev.prompttracker.domain.content.BlobKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the S3 client puts on the wire, recorded by a loopback endpoint: the headers R2 rejects
 * (aws-chunked uploads, default CRC32 checksums since SDK 2.30) must not be sent, requests must be
 * path-style and signed for region {@code auto}, and the CORS policy must carry the configured origins.
 */
class S3RequestShapeTest {
    private record Seen(String method, String path, String query, Map<String, String> headers, String body) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private HttpServer server;
    private S3BlobStore store;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (seen) {
                    seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                            exchange.getRequestURI().getRawQuery(), headers, body));
                }
                exchange.getResponseHeaders().set("ETag", "\"0123\"");
                byte[] answer = exchange.getRequestMethod().equals("GET") ? "stored".getBytes() : new byte[0];
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        store = new S3BlobStore(S3BlobStore.client(endpoint, "key", "secret", Duration.ofSeconds(5)),
                S3BlobStore.presigner(endpoint, "key", "secret"), "bucket", 8L * 1024 * 1024, S3BlobStore.MIN_PART_BYTES);
    }

    @AfterEach
    void stop() {
        store.close();
        server.stop(0);
    }

    @Test
    void uploadsAreNotChunkedAndCarryNoDefaultChecksums() {
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:00Z"));
        store.put(key, "body".getBytes(StandardCharsets.UTF_8));
        store.get(key);
        Seen put = seen.getFirst();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/bucket/" + key.value());
        assertThat(put.headers()).doesNotContainKeys("x-amz-sdk-checksum-algorithm", "x-amz-checksum-crc32",
                "x-amz-trailer", "x-amz-decoded-content-length");
        assertThat(put.headers().get("content-encoding")).isNull();
        assertThat(put.headers().get("x-amz-content-sha256")).doesNotStartWith("STREAMING");
        assertThat(put.headers().get("authorization")).contains("/auto/s3/aws4_request");
        assertThat(seen.get(1).headers()).doesNotContainKey("x-amz-checksum-mode");
    }

    @Test
    void theCorsPolicyListsTheConfiguredOrigins() {
        store.applyCors(List.of("https://app.example", "https://admin.example"));
        Seen cors = seen.getFirst();
        assertThat(cors.method()).isEqualTo("PUT");
        assertThat(cors.query()).isEqualTo("cors");
        assertThat(cors.body()).contains("<AllowedOrigin>https://app.example</AllowedOrigin>",
                "<AllowedOrigin>https://admin.example</AllowedOrigin>", "<AllowedMethod>GET</AllowedMethod>");
    }
}
