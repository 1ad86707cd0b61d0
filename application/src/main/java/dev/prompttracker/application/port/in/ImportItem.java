package dev.prompttracker.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from an uploaded file, before any product rule is checked: the import use case turns
 * each into the caller's data in one atomic write, or skips it with a reason for the report. Readers of
 * the file formats (our own JSON lines, prompts.chat CSV, promptfoo) only translate; the ids, the
 * idempotence and the limits belong to the use case.
 */
public sealed interface ImportItem {

    /** Where in the file the record came from, for the report: "line 12", "row 3", "results[4]". */
    String location();

    /**
     * A prompt from another tool, with the responses recorded for it. Fields hold the file's text as
     * it was; an empty title or tag list means the file had none.
     */
    record ForeignPrompt(String location, Optional<String> title, String text, List<String> tags,
                         List<ForeignResponse> responses) implements ImportItem {
        public ForeignPrompt {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            tags = List.copyOf(tags);
            responses = List.copyOf(responses);
        }
    }

    /** A response recorded for a foreign prompt: the model (or provider) that gave it and its text. */
    record ForeignResponse(String model, String text) {
        public ForeignResponse {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A record the reader could not make sense of: reported as skipped, never fatal to the rest. */
    record Unreadable(String location, String reason) implements ImportItem {
        public Unreadable {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
