package dev.prompttracker.adapter.http.transfer;

import dev.prompttracker.application.port.in.ImportItem;

import java.io.InputStream;
import java.util.Iterator;

/**
 * Translates one upload format into import items. The iterator reads the stream as it is advanced
 * (a format that must be parsed whole says so and bounds its size); a record it cannot read comes
 * out as {@link ImportItem.Unreadable} and reading goes on. Only a stream that is not this format at
 * all ends the iteration with {@link dev.prompttracker.domain.error.Invalid}.
 */
public interface ImportReader {

    /** The value of the {@code format} parameter that selects this reader, for example "prompts-chat-csv". */
    String format();

    Iterator<ImportItem> read(InputStream upload);
}
