package dev.prompttracker.adapter.http.transfer;

import dev.prompttracker.domain.error.Invalid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The upload formats the import accepts, by the value of its {@code format} parameter, each with the
 * largest upload it takes. Both transports (the ImportData RPC and {@code POST /api/import}) look
 * formats up here, so a reader plugged in below is served by both.
 */
public final class ImportFormats {
    /** A format read as a stream, a record at a time (our own JSON lines, a CSV table). */
    public static final long STREAMED_MAX_BYTES = 2L * 1024 * 1024 * 1024;
    /** A format its reader parses whole (a promptfoo configuration or output file). */
    public static final long WHOLE_FILE_MAX_BYTES = PromptfooReader.MAX_BYTES;

    /** A reader and the largest upload it takes. */
    public record Format(ImportReader reader, long maxBytes) {
        public String name() {
            return reader.format();
        }
    }

    private final Map<String, Format> formats = new LinkedHashMap<>();

    public ImportFormats(List<Format> formats) {
        formats.forEach(format -> {
            if (this.formats.putIfAbsent(format.name(), format) != null) {
                throw new IllegalArgumentException("two readers of the format " + format.name());
            }
        });
    }

    /** Every format the product reads. A reader of another tool's format is plugged in here, one line each. */
    public static ImportFormats standard() {
        return new ImportFormats(List.of(
                new Format(new JsonLinesReader(), STREAMED_MAX_BYTES),
                new Format(new PromptsChatCsvReader(), STREAMED_MAX_BYTES),
                new Format(new PromptfooReader(), WHOLE_FILE_MAX_BYTES)));
    }

    public Format find(String name) {
        return Optional.ofNullable(formats.get(name == null ? "" : name.strip())).orElseThrow(() -> Invalid.field(
                "format", "must be one of: " + String.join(", ", formats.keySet())));
    }

    public List<String> names() {
        return List.copyOf(formats.keySet());
    }
}
