package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.page.Page;

public interface ListCollectionsUseCase {
    Page<CollectionSummary> listCollections(ListCollectionsQuery query);
}
