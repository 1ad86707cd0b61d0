package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One record of an export, in the order of transfer.proto's ExportData; bodies come with their records. */
public sealed interface ExportEntry {
    String FORMAT = "prompt-tracker";
    int FORMAT_VERSION = 1;

    record Header(String format, int formatVersion, Instant exportedAt, UserId owner) implements ExportEntry {
        public Header {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(exportedAt, "exportedAt");
            Objects.requireNonNull(owner, "owner");
        }
    }

    record PromptEntry(Prompt prompt, Content text) implements ExportEntry {
        public PromptEntry {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(text, "text");
        }
    }

    record VersionEntry(PromptVersion version, Content text) implements ExportEntry {
        public VersionEntry {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(text, "text");
        }
    }

    record ResponseEntry(Response response, Content text) implements ExportEntry {
        public ResponseEntry {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(text, "text");
        }
    }

    record RatingEntry(Rating rating) implements ExportEntry {
        public RatingEntry {
            Objects.requireNonNull(rating, "rating");
        }
    }

    record PreferenceEntry(Preference preference) implements ExportEntry {
        public PreferenceEntry {
            Objects.requireNonNull(preference, "preference");
        }
    }

    record CollectionEntry(Collection collection, List<PromptId> promptIds) implements ExportEntry {
        public CollectionEntry {
            Objects.requireNonNull(collection, "collection");
            promptIds = List.copyOf(promptIds);
        }
    }
}
