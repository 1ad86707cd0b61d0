package dev.prompttracker.adapter.http.transfer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.prompttracker.application.port.in.ImportItem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Our own export ("jsonl"): one ExportRecord a line in its proto3 JSON mapping (transfer.proto), read a
 * line at a time as the import asks for records. A line longer than {@link #MAX_LINE_BYTES} is skipped
 * without being kept; a line that is not a record is reported as unreadable; blank lines are ignored.
 */
public final class JsonLinesReader implements ImportReader {
    public static final String FORMAT = "jsonl";
    /** Room for a 1 MiB text with every character escaped (up to six bytes each), and the record around it. */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;

    private final int maxLineBytes;

    public JsonLinesReader() {
        this(MAX_LINE_BYTES);
    }

    JsonLinesReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Iterator<ImportItem> read(InputStream upload) {
        return new Lines(upload);
    }

    private final class Lines implements Iterator<ImportItem> {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private int number;
        private ImportItem next;
        private boolean ended;

        Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                next = readLine();
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

        /** The next line's item, or null for a blank line or the end. */
        private ImportItem readLine() {
            line.reset();
            boolean tooLong = false;
            boolean any = false;
            try {
                boolean endOfLine = false;
                while (!endOfLine) {
                    if (position == limit) {
                        limit = in.read(buffer);
                        position = 0;
                        if (limit < 0) {
                            limit = 0;
                            ended = true;
                            in.close();
                            break;
                        }
                    }
                    int start = position;
                    while (position < limit && buffer[position] != '\n') {
                        position++;
                    }
                    int length = position - start;
                    if (position < limit) {
                        endOfLine = true;
                        position++; // the line feed
                    }
                    any |= length > 0 || endOfLine;
                    int room = maxLineBytes - line.size();
                    if (length > room) {
                        tooLong = true;
                    }
                    line.write(buffer, start, Math.min(length, Math.max(room, 0)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the upload could not be read", e);
            }
            if (!any) {
                return null;
            }
            number++;
            String location = "line " + number;
            if (tooLong) {
                return new ImportItem.Unreadable(location, "longer than " + maxLineBytes / (1024 * 1024)
                        + " MiB, the longest line a record can take");
            }
            String text = line.toString(StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return ExportRecords.item(ExportRecords.parse(text), location);
            } catch (InvalidProtocolBufferException notARecord) {
                return new ImportItem.Unreadable(location, "not a record of an export: " + brief(notARecord));
            }
        }
    }

    /** The parser's complaint, short: it may quote the line, which can be long. */
    private static String brief(InvalidProtocolBufferException e) {
        String message = String.valueOf(e.getMessage());
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
