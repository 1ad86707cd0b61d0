package dev.prompttracker.application.port.in;

import java.util.Iterator;

public interface ExportDataUseCase {
    /**
     * Checks the query at once, then returns the records lazily: each {@code next()} reads what it needs
     * (a page of prompts, one body), so the caller sets the pace and memory holds one page and one body.
     * A store failure while iterating surfaces from {@code next()}.
     */
    Iterator<ExportEntry> exportData(ExportDataQuery query);
}
