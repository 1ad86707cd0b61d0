package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.domain.access.AccessType;
import dev.prompttracker.domain.access.ContentAccess;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

public interface AccessLogRepositoryContract {

    AccessLogRepository accessLog();

    @Test
    default void listsEntriesNewestFirstByChapterAndTimeRange() {
        Instant base = Fixtures.T0.plus(Duration.ofDays(5000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000)));
        Email reader = Email.parse(Fixtures.uniqueEmail());
        List<ContentAccess> entries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ContentAccess entry = ContentAccess.record(reader, ChapterNumber.of(i % 2 == 0 ? 1 : 2),
                    AccessType.values()[i % 3], "10.0.0." + i, "Agent/" + i, base.plusSeconds(i));
            accessLog().append(entry);
            entries.add(entry);
        }
        var all = new AccessLogRepository.AccessLogFilter(Optional.empty(), Optional.of(base), Optional.of(base.plusSeconds(6)));
        Page<ContentAccess> page = accessLog().list(all, new PageRequest(PageSize.of(4), Optional.empty()));
        assertThat(page.items()).containsExactly(entries.get(5), entries.get(4), entries.get(3), entries.get(2));
        Page<ContentAccess> rest = accessLog().list(all, new PageRequest(PageSize.of(4), page.next()));
        assertThat(rest.items()).containsExactly(entries.get(1), entries.get(0));
        assertThat(rest.next()).isEmpty();

        var chapterTwo = new AccessLogRepository.AccessLogFilter(Optional.of(ChapterNumber.of(2)), Optional.of(base),
                Optional.of(base.plusSeconds(4)));
        assertThat(accessLog().list(chapterTwo, new PageRequest(PageSize.of(10), Optional.empty())).items())
                .containsExactly(entries.get(3), entries.get(1));
    }
}
