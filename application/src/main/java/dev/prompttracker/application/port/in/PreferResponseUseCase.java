package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.rating.Preference;

public interface PreferResponseUseCase {
    Preference preferResponse(PreferResponseCommand command);
}
