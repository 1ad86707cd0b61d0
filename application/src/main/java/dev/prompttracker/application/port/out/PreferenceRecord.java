package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.rating.Note;

import java.time.Instant;

/**
 * A stored preference with what an export line needs (the bodies' keys, the models); {@code cursor}
 * resumes a listing after it.
 */
public record PreferenceRecord(String cursor, PromptId promptId, BlobKey promptKey, ResponseId chosen,
                               ModelName chosenModel, BlobKey chosenKey, ResponseId rejected,
                               ModelName rejectedModel, BlobKey rejectedKey, Note reason, Instant updatedAt) {
}
