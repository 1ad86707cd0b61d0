package dev.prompttracker.cloudflare.standin;

import java.time.Instant;

/** One request the stand-in received, for assertions on what the client sent and when. */
public record Recorded(String method, String path, Instant at, String authorization, int bodyBytes) {
}
