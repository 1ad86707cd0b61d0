package dev.prompttracker.application.port.in;

import java.util.List;

public interface ListResponsesUseCase {
    List<ResponseView> listResponses(ListResponsesQuery query);
}
