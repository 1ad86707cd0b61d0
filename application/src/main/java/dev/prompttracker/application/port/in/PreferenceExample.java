package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.rating.Note;

import java.time.Instant;

/** One exported preference with its texts: the prompt, the chosen and the rejected response. */
public record PreferenceExample(PromptId promptId, String prompt, ResponseId chosenId, String chosen,
                                ModelName chosenModel, ResponseId rejectedId, String rejected,
                                ModelName rejectedModel, Note reason, Instant updatedAt) {
}
