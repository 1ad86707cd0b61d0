package dev.prompttracker.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;

/** A successful answer: the status, the headers, the raw body and, when it has one, the envelope's {@code result}. */
public record CloudflareResponse(int status, HttpHeaders headers, byte[] body, JsonNode result) {
}
