package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.page.Page;

public interface ListContentAccessUseCase {
    Page<ContentAccess> listContentAccess(ListContentAccessQuery query);
}
