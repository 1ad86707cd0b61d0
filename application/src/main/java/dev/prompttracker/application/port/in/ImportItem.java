package dev.prompttracker.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from an uploaded file, before any product rule is checked: the import use case turns
 * each into the caller's data in one atomic write, or skips it with a reason for the report. Readers of
 * the file formats (our own JSON lines, prompts.chat CSV, promptfoo) only translate; the ids, the
 * idempotence and the limits belong to the use case.
 * <p>
 * The {@code Own*} records are the records of our own export (transfer.proto), field for field, still
 * unchecked: text as it was in the file, ids as strings. The first one of an upload is its
 * {@link OwnHeader}; the versions of a prompt follow its {@link OwnPrompt} directly.
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

    /** The first record of our own export: which format version, and whose data the records are. */
    record OwnHeader(String location, String format, int formatVersion, String ownerId) implements ImportItem {
        public OwnHeader {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(ownerId, "ownerId");
        }
    }

    /** A prompt as exported: its current title and text; its versions follow it. */
    record OwnPrompt(String location, String id, String ownerId, String title, String text, List<String> tags,
                     boolean isPublic, Instant createdAt, Instant updatedAt, int textVersion) implements ImportItem {
        public OwnPrompt {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            tags = List.copyOf(tags);
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** One version of the prompt before it; an empty title or message means none. */
    record OwnVersion(String location, String promptId, int number, String title, String text, String authorId,
                      String message, Instant createdAt) implements ImportItem {
        public OwnVersion {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(promptId, "promptId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(authorId, "authorId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    record OwnResponse(String location, String id, String promptId, String modelName, String text,
                       boolean isMarkdown, int promptVersion, Instant createdAt, Instant updatedAt)
            implements ImportItem {
        public OwnResponse {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(promptId, "promptId");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** The exporting user's rating of a response. */
    record OwnRating(String location, String promptId, String responseId, int stars, String note, Instant updatedAt)
            implements ImportItem {
        public OwnRating {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(promptId, "promptId");
            Objects.requireNonNull(responseId, "responseId");
            Objects.requireNonNull(note, "note");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** The exporting user's preference of one response over another. */
    record OwnPreference(String location, String promptId, String chosenId, String rejectedId, String reason,
                         Instant updatedAt) implements ImportItem {
        public OwnPreference {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(promptId, "promptId");
            Objects.requireNonNull(chosenId, "chosenId");
            Objects.requireNonNull(rejectedId, "rejectedId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** A collection with its prompts' ids in order. */
    record OwnCollection(String location, String id, String ownerId, String name, String description,
                         boolean isPublic, List<String> promptIds, Instant createdAt, Instant updatedAt)
            implements ImportItem {
        public OwnCollection {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ownerId, "ownerId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            promptIds = List.copyOf(promptIds);
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }
}
