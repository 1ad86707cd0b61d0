package dev.prompttracker.application.port.in;

import java.util.List;
import java.util.Optional;

public record PreferenceExportPage(List<PreferenceExample> examples, Optional<String> nextPageToken) {
    public PreferenceExportPage {
        examples = List.copyOf(examples);
    }
}
