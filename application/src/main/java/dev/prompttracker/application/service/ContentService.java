package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.ListContentAccessQuery;
import dev.prompttracker.application.port.in.ListContentAccessUseCase;
import dev.prompttracker.application.port.in.RecordContentAccessCommand;
import dev.prompttracker.application.port.in.RecordContentAccessUseCase;
import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.domain.access.AccessType;
import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.progress.ChapterNumber;

import java.time.Clock;
import java.util.Optional;

/** The content access log: readers append, admins read. */
final class ContentService implements RecordContentAccessUseCase, ListContentAccessUseCase {
    private final AccessLogRepository accessLog;
    private final Readers readers;
    private final Quotas quotas;
    private final Clock clock;

    ContentService(AccessLogRepository accessLog, Readers readers, Quotas quotas, Clock clock) {
        this.accessLog = accessLog;
        this.readers = readers;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public ContentAccess recordContentAccess(RecordContentAccessCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<ChapterNumber> chapter = check.field(() -> ChapterNumber.of(command.chapterNumber()));
        Optional<AccessType> type = check.field(() -> AccessType.parse(command.accessType()));
        check.done();
        quotas.write(actor.id());
        readers.require(actor);
        ContentAccess entry = ContentAccess.record(actor.provenEmail(), chapter.orElseThrow(), type.orElseThrow(),
                command.client().ip(), command.client().userAgent(), clock.instant());
        accessLog.append(entry);
        return entry;
    }

    @Override
    public Page<ContentAccess> listContentAccess(ListContentAccessQuery query) {
        Roles.admin(query.actor());
        InputCheck check = new InputCheck();
        Optional<Optional<ChapterNumber>> chapter = check.field(() -> query.chapterNumber() == 0
                ? Optional.empty() : Optional.of(ChapterNumber.of(query.chapterNumber())));
        Optional<PageRequest> page = check.field(() -> PromptService.pageRequest(query.pageSize(), query.pageToken()));
        check.done();
        if (query.from().isPresent() && query.to().isPresent() && !query.from().get().isBefore(query.to().get())) {
            throw Invalid.field("from", "must be before to");
        }
        return accessLog.list(new AccessLogRepository.AccessLogFilter(chapter.orElseThrow(), query.from(), query.to()),
                page.orElseThrow());
    }
}
