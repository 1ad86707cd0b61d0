package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.rating.Rating;

public interface RateResponseUseCase {
    Rating rateResponse(RateResponseCommand command);
}
