package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.rating.Preference;

import java.util.List;

public interface RankResponsesUseCase {
    List<Preference> rankResponses(RankResponsesCommand command);
}
