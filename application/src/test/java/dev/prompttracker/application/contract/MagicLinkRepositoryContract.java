package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

public interface MagicLinkRepositoryContract {

    MagicLinkRepository links();

    private MagicLink.Issued issued() {
        MagicLink.Issued link = MagicLink.Issued.now(Fixtures.randomHash(), Email.parse(Fixtures.uniqueEmail()),
                MagicLinkPurpose.LOGIN, Fixtures.T0);
        links().create(link);
        return link;
    }

    @Test
    default void aLinkIsUsedOnceOnly() {
        MagicLink.Issued link = issued();
        Optional<MagicLink.Used> used = links().consume(link.tokenHash(), MagicLinkPurpose.LOGIN, Fixtures.T0.plusSeconds(30));
        assertThat(used).hasValueSatisfying(u -> {
            assertThat(u.email()).isEqualTo(link.email());
            assertThat(u.usedAt()).isEqualTo(Fixtures.T0.plusSeconds(30));
        });
        assertThat(links().consume(link.tokenHash(), MagicLinkPurpose.LOGIN, Fixtures.T0.plusSeconds(31))).isEmpty();
        assertThat(links().consume(Fixtures.randomHash(), MagicLinkPurpose.LOGIN, Fixtures.T0)).isEmpty();
    }

    @Test
    default void anExpiredLinkDoesNotWork() {
        MagicLink.Issued link = issued();
        assertThat(links().consume(link.tokenHash(), MagicLinkPurpose.LOGIN,
                Fixtures.T0.plus(MagicLinkPurpose.LOGIN.lifetime()))).isEmpty();
        assertThat(links().consume(link.tokenHash(), MagicLinkPurpose.LOGIN,
                Fixtures.T0.plus(MagicLinkPurpose.LOGIN.lifetime()).minusSeconds(1))).isPresent();
    }

    @Test
    default void concurrentUsesHaveExactlyOneWinner() throws Exception {
        MagicLink.Issued link = issued();
        int racers = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            attempts.add(() -> {
                start.await();
                return links().consume(link.tokenHash(), MagicLinkPurpose.LOGIN, Fixtures.T0.plusSeconds(1)).isPresent();
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = attempts.stream().map(pool::submit).toList();
            start.countDown();
            long winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    default void expiredLinksArePurged() {
        MagicLink.Issued old = issued();
        MagicLink.Issued fresh = MagicLink.Issued.now(Fixtures.randomHash(), Email.parse(Fixtures.uniqueEmail()),
                MagicLinkPurpose.LOGIN, Fixtures.T0.plus(Duration.ofDays(2)));
        links().create(fresh);
        assertThat(links().deleteExpiredBefore(Fixtures.T0.plus(Duration.ofDays(1)))).isGreaterThanOrEqualTo(1);
        assertThat(links().consume(old.tokenHash(), MagicLinkPurpose.LOGIN, Fixtures.T0)).isEmpty();
        assertThat(links().consume(fresh.tokenHash(), MagicLinkPurpose.LOGIN, Fixtures.T0.plus(Duration.ofDays(2))))
                .isPresent();
    }
}
