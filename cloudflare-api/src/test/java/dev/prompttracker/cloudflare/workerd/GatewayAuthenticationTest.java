package dev.prompttracker.cloudflare.workerd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.cloudflare.GatewaySignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway Worker on workerd refuses what it must, before anything reaches D1 or R2: an unsigned
 * request, a wrong signature, a timestamp outside the window, a replayed request and a body over the
 * limit, each answered in the one error shape ({success: false, errors: [{code, message}]}).
 */
class GatewayAuthenticationTest {
    private static final String QUERY = "/accounts/any/d1/database/" + WorkerdGateway.D1 + "/query";
    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerdGateway gateway;
    private String marker;

    @BeforeEach
    void start() {
        gateway = WorkerdGateway.shared();
        marker = UUID.randomUUID().toString();
        d1("create table if not exists auth_probe (marker text not null)");
    }

    @Test
    void aSignedRequestGoesThrough() throws Exception {
        HttpResponse<String> response = send(insert(), new GatewaySignature(WorkerdGateway.SECRET), Instant.now());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("success").asBoolean()).isTrue();
        assertThat(inserted()).isEqualTo(1);
    }

    @Test
    void anUnsignedRequestIsRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.url().resolve(QUERY))
                .POST(HttpRequest.BodyPublishers.ofString(insert())).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(response, 401, 10001, "X-Gateway-Signature");
    }

    @Test
    void aSignatureWithAnotherSecretIsRefused() throws Exception {
        HttpResponse<String> response = send(insert(), new GatewaySignature("another-secret-of-enough-length-0123456"),
                Instant.now());
        assertRefused(response, 401, 10001, "signature does not match");
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        Map<String, String> headers = new GatewaySignature(WorkerdGateway.SECRET)
                .headers("POST", QUERY, insert().getBytes(StandardCharsets.UTF_8), Instant.now());
        String tampered = insert().replace(marker, "tampered");
        HttpResponse<String> response = sendWith(tampered, headers);
        assertRefused(response, 401, 10001, "signature does not match");
    }

    @Test
    void anOldTimestampIsRefused() throws Exception {
        HttpResponse<String> response = send(insert(), new GatewaySignature(WorkerdGateway.SECRET),
                Instant.now().minusSeconds(120));
        assertRefused(response, 401, 10002, "timestamp");
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        Map<String, String> headers = new GatewaySignature(WorkerdGateway.SECRET)
                .headers("POST", QUERY, insert().getBytes(StandardCharsets.UTF_8), Instant.now());
        assertThat(sendWith(insert(), headers).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = sendWith(insert(), headers);
        assertRefused(replayed, 401, 10003, "already received", 1);
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        String big = "{\"sql\":\"insert into auth_probe (marker) values (?)\",\"params\":[\"" + marker
                + "x".repeat(2 * 1024 * 1024) + "\"]}";
        // Asking before sending the body lets the 413 arrive before it: a server that answers without reading a
        // body may reset the connection, and the reset can take the answer with it.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + QUERY)).expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big));
        new GatewaySignature(WorkerdGateway.SECRET).headers("POST", QUERY, big.getBytes(StandardCharsets.UTF_8),
                Instant.now()).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("errors").path(0).path("code").asInt()).isEqualTo(10013);
        assertThat(inserted()).isZero();
    }

    @Test
    void anUnsignedBodyWriteIsRefusedAndStoresNothing() throws Exception {
        String object = "/r2/buckets/" + WorkerdGateway.R2 + "/objects/auth_probe_" + marker;
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(gateway.url().resolve("/accounts/any" + object))
                .PUT(HttpRequest.BodyPublishers.ofString(marker)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("errors").path(0).path("code").asInt()).isEqualTo(10001);
        CloudflareClient client = gateway.client(CallListener.NONE);
        CloudflareRequest read = CloudflareRequest.get("r2", "GetObject", object, true);
        assertThat(client.sendRaw(read)).isEmpty();

        client.send(new CloudflareRequest("r2", "PutObject", "PUT", object, Map.of(),
                marker.getBytes(StandardCharsets.UTF_8), "text/plain", true));
        assertThat(client.sendRaw(read)).as("signed, the same write goes through")
                .hasValueSatisfying(found -> assertThat(new String(found.body(), StandardCharsets.UTF_8)).isEqualTo(marker));
    }

    @Test
    void refusedSqlComesBackInTheSameShape() throws Exception {
        HttpResponse<String> response = send("{\"sql\":\"selec nothing\",\"params\":[]}",
                new GatewaySignature(WorkerdGateway.SECRET), Instant.now());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").path(0).path("code").asInt()).isEqualTo(7500);
        assertThat(json(response).path("errors").path(0).path("message").asText()).contains("syntax error");
    }

    private void assertRefused(HttpResponse<String> response, int status, int code, String message) throws IOException {
        assertRefused(response, status, code, message, 0);
    }

    private void assertRefused(HttpResponse<String> response, int status, int code, String message, long rowsBefore)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("errors").path(0).path("code").asInt()).isEqualTo(code);
        assertThat(body.path("errors").path(0).path("message").asText()).contains(message);
        assertThat(inserted()).as("a refused request reaches no database").isEqualTo(rowsBefore);
    }

    private String insert() {
        return "{\"sql\":\"insert into auth_probe (marker) values (?)\",\"params\":[\"" + marker + "\"]}";
    }

    private HttpResponse<String> send(String body, GatewaySignature signature, Instant at) throws Exception {
        return sendWith(body, signature.headers("POST", QUERY, body.getBytes(StandardCharsets.UTF_8), at));
    }

    private HttpResponse<String> sendWith(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + QUERY))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long inserted() {
        return d1("select count(*) as n from auth_probe where marker = '" + marker + "'").path(0).path("n").asLong();
    }

    private JsonNode d1(String sql) {
        CloudflareClient client = gateway.client(CallListener.NONE);
        byte[] body = CloudflareClient.json().createObjectNode().put("sql", sql).<com.fasterxml.jackson.databind.node.ObjectNode>set(
                "params", CloudflareClient.json().createArrayNode()).toString().getBytes(StandardCharsets.UTF_8);
        return client.send(CloudflareRequest.json("d1", "query", "POST", "/d1/database/" + WorkerdGateway.D1 + "/query",
                body, false)).result().path(0).path("results");
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return CloudflareClient.json().readTree(response.body());
    }
}
