package dev.prompttracker.application.port.in;

public interface ImportDataUseCase {
    /**
     * Imports each item whole or skips it with a reason; {@code RateLimited} when the caller already
     * has an import running or the server runs as many as it allows.
     */
    ImportReport importData(ImportDataCommand command);
}
