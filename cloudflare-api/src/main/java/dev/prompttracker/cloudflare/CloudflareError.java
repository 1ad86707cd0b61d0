package dev.prompttracker.cloudflare;

/** One entry of an envelope's {@code errors}: Cloudflare's numeric code and its message. */
public record CloudflareError(int code, String message) {
}
