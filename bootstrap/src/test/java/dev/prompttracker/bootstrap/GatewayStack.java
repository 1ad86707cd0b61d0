package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.mail.standin.SendGridStandIn;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway Worker on workerd (its own local D1, KV and Queues) and the SendGrid stand-in, for the
 * product in gateway mode. The product's port is chosen first, so that the Worker's queue consumer
 * knows where to push email jobs. Skips the calling test where Node.js 22+ cannot be had.
 */
final class GatewayStack implements AutoCloseable {
    final int port;
    final WorkerdGateway gateway;
    final SendGridStandIn sendGrid;

    GatewayStack() {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway = WorkerdGateway.startForProduct(URI.create("http://127.0.0.1:" + port));
        sendGrid = SendGridStandIn.start(CloudflareStack.MAIL_KEY);
    }

    /**
     * D1, KV and the email queue through the gateway at {@code gatewayUrl} (the Worker itself, or a
     * fault proxy in front of it), mail through SendGrid, and bodies in R2 at {@code s3Endpoint}, or
     * in files when it is empty.
     */
    Map<String, String> environment(Path dataDir, URI gatewayUrl, Optional<String> s3Endpoint) {
        Map<String, String> env = new HashMap<>(Map.ofEntries(
                Map.entry("PORT", Integer.toString(port)),
                Map.entry("DATA_DIR", dataDir.toString()),
                Map.entry("METADATA_STORE", "d1"),
                Map.entry("CACHE_STORE", "kv"),
                Map.entry("QUEUE", "cloudflare"),
                Map.entry("MAILER", "sendgrid"),
                Map.entry("CLOUDFLARE_TRANSPORT", "gateway"),
                Map.entry("GATEWAY_URL", gatewayUrl.toString()),
                Map.entry("GATEWAY_SECRET", WorkerdGateway.SECRET),
                Map.entry("SENDGRID_API_KEY", CloudflareStack.MAIL_KEY),
                Map.entry("SENDGRID_BASE_URL", sendGrid.baseUrl().toString()),
                Map.entry("METRICS_ENABLED", "true")));
        s3Endpoint.ifPresentOrElse(endpoint -> env.putAll(Map.of("BLOB_STORE", "r2",
                "R2_BUCKET", CloudflareStack.BUCKET, "R2_ENDPOINT", endpoint, "R2_ACCESS_KEY_ID", "r2-key",
                "R2_SECRET_ACCESS_KEY", "r2-secret")), () -> env.put("BLOB_STORE", "files"));
        return env;
    }

    String awaitEmailTo(String address, Duration timeout) {
        return CloudflareDeployment.awaitEmailTo(sendGrid, address, timeout);
    }

    @Override
    public void close() {
        sendGrid.close();
        gateway.close();
    }
}
