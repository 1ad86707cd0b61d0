package dev.prompttracker.application.port.in;

import java.util.List;

public interface ListSessionsUseCase {
    List<SessionView> listSessions(ListSessionsQuery query);
}
