package dev.prompttracker.bench;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.Server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The limit server: a trivial Armeria server answering every GET with the same 2 KB JSON body. What
 * it serves on this machine, with the product's JVM flags, is the ceiling each scenario is compared to.
 */
public final class LimitServer {
    static final int BODY_BYTES = 2048;

    private LimitServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        HttpData body = HttpData.wrap(body(BODY_BYTES));
        ResponseHeaders headers = ResponseHeaders.of(HttpStatus.OK, com.linecorp.armeria.common.HttpHeaderNames.CONTENT_TYPE,
                MediaType.JSON_UTF_8);
        Server server = Server.builder()
                .http(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .service("glob:/**", (ctx, req) -> HttpResponse.of(headers, body))
                .build();
        server.start().join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop().join()));
    }

    /** A JSON object of exactly {@code size} bytes. */
    static byte[] body(int size) {
        String prefix = "{\"content\":\"";
        String suffix = "\"}";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
    }
}
