package dev.prompttracker.adapter.http.web;

import com.linecorp.armeria.common.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One file the app is made of, held in memory as it is and, where it pays, gzip-compressed once:
 * the app and its libraries are a few hundred kilobytes, read once, served many times.
 */
record Asset(byte[] bytes, Optional<byte[]> gzipped, MediaType type, String etag) {
    /** RFC 9239's name for JavaScript, which module scripts are served as. */
    static final MediaType JAVASCRIPT = MediaType.parse("text/javascript; charset=utf-8");
    /** Smaller files are not worth a compressed copy (headers and framing eat the gain). */
    private static final int COMPRESS_FROM_BYTES = 512;

    static Asset of(String name, byte[] bytes) {
        MediaType type = typeOf(name);
        boolean compressible = type.is(MediaType.ANY_TEXT_TYPE) || type.is(MediaType.JSON)
                || type.is(MediaType.SVG_UTF_8);
        Optional<byte[]> gzipped = compressible && bytes.length >= COMPRESS_FROM_BYTES ? Optional.of(gzip(bytes))
                : Optional.empty();
        return new Asset(bytes, gzipped, type, "\"" + sha256(bytes).substring(0, 32) + "\"");
    }

    static MediaType typeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".js") || lower.endsWith(".mjs")) {
            return JAVASCRIPT;
        }
        if (lower.endsWith(".css")) {
            return MediaType.CSS_UTF_8;
        }
        if (lower.endsWith(".html")) {
            return MediaType.HTML_UTF_8;
        }
        if (lower.endsWith(".map") || lower.endsWith(".json")) {
            return MediaType.JSON_UTF_8;
        }
        if (lower.endsWith(".svg")) {
            return MediaType.SVG_UTF_8;
        }
        if (lower.endsWith(".png")) {
            return MediaType.PNG;
        }
        return MediaType.OCTET_STREAM;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
