package dev.prompttracker.cloudflare.standin;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough multipart/form-data parsing for KV's value + metadata uploads. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");

    private Multipart() {
    }

    static Map<String, byte[]> parse(String contentType, byte[] body) {
        Matcher boundaryMatcher = BOUNDARY.matcher(contentType);
        if (!boundaryMatcher.find()) {
            throw new IllegalArgumentException("multipart without boundary");
        }
        byte[] delimiter = ("--" + boundaryMatcher.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int start = position + delimiter.length;
            if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            Matcher name = NAME.matcher(headers);
            if (name.find()) {
                parts.put(name.group(1), Arrays.copyOfRange(body, headersEnd + 4, next - 2));
            }
            position = next;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
