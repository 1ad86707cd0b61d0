package dev.prompttracker.adapter.http.transfer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportItem.ForeignPrompt;
import dev.prompttracker.application.port.in.ImportItem.Unreadable;
import dev.prompttracker.domain.error.Invalid;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The prompts.chat (awesome-chatgpt-prompts) {@code prompts.csv}: UTF-8 (a BOM is skipped), a header row
 * naming at least the columns {@code act} and {@code prompt} in any case and order, RFC 4180 quoting
 * (commas, line breaks and doubled quotes inside quoted fields), LF or CRLF line ends. {@code act} becomes
 * the title, {@code prompt} the text; other columns ({@code for_devs}, {@code type}, {@code contributor})
 * are ignored, and no tags are made: {@code type} says how a prompt is shaped (TEXT, IMAGE, ...) and
 * {@code for_devs} is a flag, neither a subject a user would file a prompt under.
 * <p>
 * Rows are read one at a time as the iterator advances. Locations are spreadsheet row numbers: the header
 * is row 1. A row with another number of fields than the header, or an empty prompt, is unreadable; an
 * empty line is skipped; a row whose title or prompt holds bytes that are not UTF-8 is unreadable (they
 * decode to U+FFFD). A header without both columns is {@link Invalid}. Broken quoting or a field over
 * {@link #MAX_FIELD_CHARS} after the header leave the parser unable to find the next row: that row is
 * reported unreadable, saying that the rest of the file was not read, and the iteration ends.
 */
public final class PromptsChatCsvReader implements ImportReader {
    public static final String FORMAT = "prompts-chat-csv";
    /** Bounds one field in memory; far over the product's text limit, which the import use case reports. */
    public static final int MAX_FIELD_CHARS = 4 * 1024 * 1024;
    /** Bounds the header in memory (the real file has five columns). */
    public static final int MAX_COLUMNS = 256;
    private static final char REPLACEMENT = '\uFFFD';

    private static final CsvFactory CSV = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_CHARS).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Iterator<ImportItem> read(InputStream upload) {
        return new Rows(upload);
    }

    private static final class Rows implements Iterator<ImportItem> {
        private final InputStream upload;
        private CsvParser parser;
        private int actColumn = -1;
        private int promptColumn = -1;
        private int columns;
        private int row = 1;
        private boolean inRow;
        private ImportItem next;
        private boolean done;

        Rows(InputStream upload) {
            this.upload = upload;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = advance();
                done |= next == null;
            }
            return next != null;
        }

        @Override
        public ImportItem next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ImportItem item = next;
            next = null;
            return item;
        }

        private ImportItem advance() {
            try {
                if (parser == null) {
                    parser = open(upload);
                    header();
                }
                return nextRow();
            } catch (IOException e) {
                return stop(e);
            }
        }

        private void header() throws IOException {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_ARRAY) {
                throw notThisFormat(null);
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (columns == MAX_COLUMNS) {
                    throw Invalid.field("file", "has more than " + MAX_COLUMNS + " columns in its header row");
                }
                String name = parser.getText().strip().toLowerCase(Locale.ROOT);
                if (name.equals("act") && actColumn < 0) {
                    actColumn = columns;
                } else if (name.equals("prompt") && promptColumn < 0) {
                    promptColumn = columns;
                }
                columns++;
            }
            if (actColumn < 0 || promptColumn < 0) {
                throw notThisFormat(null);
            }
        }

        private ImportItem nextRow() throws IOException {
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                row++;
                inRow = true;
                String act = null;
                String prompt = null;
                int fields = 0;
                boolean firstEmpty = false;
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (fields == 0) {
                        firstEmpty = parser.getTextLength() == 0;
                    }
                    if (fields == actColumn) {
                        act = parser.getText();
                    } else if (fields == promptColumn) {
                        prompt = parser.getText();
                    }
                    fields++;
                }
                inRow = false;
                if (fields == 1 && firstEmpty) {
                    continue; // an empty line: the header has at least two columns
                }
                if (fields != columns) {
                    return new Unreadable(location(), "has " + fields + " fields where the header has " + columns);
                }
                if (prompt.isBlank()) {
                    return new Unreadable(location(), "has an empty prompt");
                }
                if (prompt.indexOf(REPLACEMENT) >= 0 || act.indexOf(REPLACEMENT) >= 0) {
                    return new Unreadable(location(), "is not UTF-8 text");
                }
                Optional<String> title = act.isBlank() ? Optional.empty() : Optional.of(act);
                return new ForeignPrompt(location(), title, prompt, List.of(), List.of());
            }
            return null;
        }

        /** After the header the file was CSV: report where reading stopped instead of failing the rows read. */
        private ImportItem stop(IOException e) {
            if (!(e instanceof JacksonException)) {
                throw new UncheckedIOException(e);
            }
            if (promptColumn < 0) {
                throw notThisFormat(e);
            }
            done = true;
            String why = e instanceof StreamConstraintsException
                    ? "has a field longer than " + MAX_FIELD_CHARS + " characters" : "has broken CSV quoting";
            return new Unreadable("row " + (inRow ? row : row + 1), why + "; the rest of the file was not read");
        }

        private String location() {
            return "row " + row;
        }
    }

    private static CsvParser open(InputStream upload) throws IOException {
        // Bytes that are not UTF-8 decode to U+FFFD, so the row that holds them is the one reported.
        Reader text = new InputStreamReader(upload, StandardCharsets.UTF_8);
        PushbackReader unread = new PushbackReader(text, 1);
        int first = unread.read();
        if (first >= 0 && first != '\uFEFF') {
            unread.unread(first);
        }
        CsvParser parser = CSV.createParser(unread);
        parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        parser.setSchema(CsvSchema.emptySchema());
        return parser;
    }

    private static Invalid notThisFormat(Exception cause) {
        Invalid invalid = Invalid.field("file", "is not a prompts.chat CSV: its first row must name the columns "
                + "act and prompt");
        if (cause != null) {
            invalid.initCause(cause);
        }
        return invalid;
    }
}
