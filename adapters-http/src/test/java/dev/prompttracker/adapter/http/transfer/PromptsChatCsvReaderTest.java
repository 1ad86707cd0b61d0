package dev.prompttracker.adapter.http.transfer;

import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportItem.ForeignPrompt;
import dev.prompttracker.application.port.in.ImportItem.Unreadable;
import dev.prompttracker.domain.error.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class PromptsChatCsvReaderTest {
    private final PromptsChatCsvReader reader = new PromptsChatCsvReader();

    static List<ImportItem> readAll(ImportReader reader, InputStream in) {
        List<ImportItem> items = new ArrayList<>();
        reader.read(in).forEachRemaining(items::add);
        return items;
    }

    static InputStream resource(String name) {
        InputStream in = PromptsChatCsvReaderTest.class.getResourceAsStream("/transfer/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    private List<ImportItem> read(String csv) {
        return readAll(reader, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static ForeignPrompt prompt(String location, String title, String text) {
        return new ForeignPrompt(location, Optional.ofNullable(title), text, List.of(), List.of());
    }

    @Test
    void readsThePromptsChatFileWithItsBomCrlfQuotesAndExtraColumns() {
        assertThat(reader.format()).isEqualTo("prompts-chat-csv");
        assertThat(readAll(reader, resource("prompts-chat.csv"))).containsExactly(
                prompt("row 2", "Linux Terminal", "I want you to act as a linux terminal. I will type commands and you "
                        + "will reply with what the terminal should show. My first command is pwd"),
                prompt("row 3", "English Translator and Improver", "I want you to act as an English translator, "
                        + "spelling corrector and improver. My first sentence is \"istanbulu cok seviyom burada olmak cok guzel\""),
                prompt("row 4", "Excel Sheet", "I want you to act as a text based excel.\r\nFirst, reply me the empty "
                        + "sheet.\r\n\r\nColumns go from A to L, rows from 1 to 10."),
                prompt("row 5", null, "A prompt without a name, with a comma, and a quote: \"yes\""),
                new Unreadable("row 6", "has an empty prompt"),
                new Unreadable("row 7", "has 2 fields where the header has 5"),
                prompt("row 9", "Character from Movie/Book/Anything",
                        "I want you to act like {character} from {series}. Only answer like {character}."));
    }

    @Test
    void headerNamesMatchInAnyCaseAndOrderWithLfLineEnds() {
        assertThat(read(" Prompt ,contributor,ACT\nwrite a poem,someone,Poet\n")).containsExactly(
                prompt("row 2", "Poet", "write a poem"));
    }

    @Test
    void aFileWithoutTheActAndPromptColumnsIsInvalid() {
        for (String notPromptsChat : List.of("name,text\nPoet,write a poem\n", "act\nPoet\n", "", "\n\n",
                "{\"act\": \"Poet\", \"prompt\": \"write\"}\n", "act;prompt\nPoet;write\n")) {
            assertThatThrownBy(() -> read(notPromptsChat)).as(notPromptsChat)
                    .isInstanceOf(Invalid.class)
                    .hasMessageContaining("is not a prompts.chat CSV: its first row must name the columns act and prompt");
        }
    }

    @Test
    void rowsThatAreNotUtf8AreUnreadableAndReadingGoesOn() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d};
        assertThatThrownBy(() -> readAll(reader, new ByteArrayInputStream(binary))).isInstanceOf(Invalid.class);

        StringBuilder good = new StringBuilder("act,prompt\n");
        for (int i = 1; i <= 1_000; i++) {
            good.append("Act ").append(i).append(",Prompt ").append(i).append('\n');
        }
        byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "Caf\u00e9,x\nAfter,row\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[head.length + tail.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(tail, 0, file, head.length, tail.length);
        List<ImportItem> items = readAll(reader, new ByteArrayInputStream(file));
        assertThat(items).hasSize(1_002);
        assertThat(items.subList(999, 1_002)).containsExactly(
                prompt("row 1001", "Act 1000", "Prompt 1000"),
                new Unreadable("row 1002", "is not UTF-8 text"),
                prompt("row 1003", "After", "row"));
    }

    @Test
    void brokenQuotingKeepsTheRowsReadAndReportsWhereReadingStopped() {
        assertThat(read("act,prompt\nPoet,write a poem\nCut,\"a field that never closes\n")).containsExactly(
                prompt("row 2", "Poet", "write a poem"),
                new Unreadable("row 3", "has broken CSV quoting; the rest of the file was not read"));
        assertThat(read("act,prompt\n\"Poet\"x,write\nNext,row\n")).containsExactly(
                new Unreadable("row 2", "has broken CSV quoting; the rest of the file was not read"));
    }

    @Test
    void rowsWithTooManyFieldsAreUnreadableAndReadingGoesOn() {
        String wide = "a,".repeat(100_000) + "b";
        assertThat(read("act,prompt\n" + wide + "\nPoet,write\n")).containsExactly(
                new Unreadable("row 2", "has 100001 fields where the header has 2"),
                prompt("row 3", "Poet", "write"));
    }

    @Test
    void aFieldOverTheLimitStopsReadingWithAReport() {
        String huge = "x".repeat(PromptsChatCsvReader.MAX_FIELD_CHARS + 1);
        assertThat(read("act,prompt\nPoet,write\nBig," + huge + "\nAfter,row\n")).containsExactly(
                prompt("row 2", "Poet", "write"),
                new Unreadable("row 3", "has a field longer than " + PromptsChatCsvReader.MAX_FIELD_CHARS
                        + " characters; the rest of the file was not read"));
    }

    @Test
    void aHeaderWithTooManyColumnsIsInvalid() {
        String header = "act,prompt" + ",extra".repeat(PromptsChatCsvReader.MAX_COLUMNS);
        assertThatThrownBy(() -> read(header + "\n")).isInstanceOf(Invalid.class)
                .hasMessageContaining("more than " + PromptsChatCsvReader.MAX_COLUMNS + " columns");
    }

    @Test
    void theIteratorKeepsItsContract() {
        Iterator<ImportItem> items = reader.read(new ByteArrayInputStream("act,prompt\nPoet,write\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(items.hasNext()).isTrue();
        assertThat(items.hasNext()).isTrue();
        assertThat(items.next()).isEqualTo(prompt("row 2", "Poet", "write"));
        assertThat(items.hasNext()).isFalse();
        assertThatThrownBy(items::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aFailingUploadIsAnIoErrorNotAFormatError() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> readAll(reader, failing)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void rowsAreReadAsTheUploadArrivesNotWhole() {
        int rows = 200_000;
        GeneratedCsv upload = new GeneratedCsv(rows);
        Iterator<ImportItem> items = reader.read(upload);
        assertThat(upload.rowsMade()).as("nothing is read before the iteration starts").isZero();

        assertThat(items.next()).isEqualTo(prompt("row 2", "Act 1", "Prompt number 1, with a comma\nand a second line"));
        assertThat(upload.rowsMade()).as("rows generated when the first item came out").isLessThan(rows / 100);

        int count = 1;
        ImportItem last = null;
        while (items.hasNext()) {
            last = items.next();
            count++;
        }
        assertThat(count).isEqualTo(rows);
        assertThat(last).isEqualTo(prompt("row " + (rows + 1), "Act " + rows,
                "Prompt number " + rows + ", with a comma\nand a second line"));
        assertThat(upload.rowsMade()).isEqualTo(rows);
    }

    /** A prompts.chat CSV of many rows, made as it is read: the test never holds the whole file. */
    private static final class GeneratedCsv extends InputStream {
        private final int rows;
        private int made;
        private byte[] current = "act,prompt,type\r\n".getBytes(StandardCharsets.UTF_8);
        private int position;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        int rowsMade() {
            return made;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (made == rows) {
                    return -1;
                }
                made++;
                current = ("\"Act " + made + "\",\"Prompt number " + made + ", with a comma\nand a second line\",TEXT\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return current[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int next = read();
                if (next < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) next;
            }
            return n;
        }
    }
}
