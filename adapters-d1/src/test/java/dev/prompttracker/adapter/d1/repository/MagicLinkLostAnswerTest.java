package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A sign-in link used on an attempt whose answer was lost: the retry still signs in, and the link stays spent. */
class MagicLinkLostAnswerTest {
    private static final String DATABASE = "links";
    private static final TokenHash HASH = new TokenHash("ab".repeat(32));
    @TempDir
    Path folder;
    private CloudflareStandIn standIn;
    private SqlMagicLinkRepository links;

    @BeforeEach
    void start() {
        standIn = CloudflareStandIn.start("acc", "tok", Clock.systemUTC(), folder);
        standIn.d1().create(DATABASE);
        D1SqlExecutor d1 = new D1SqlExecutor(standIn.client(Clock.systemUTC()), DATABASE);
        new Migrator(d1).apply(MigrationSource.fromClasspath());
        links = new SqlMagicLinkRepository(d1);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void aUseWhoseAnswerWasLostIsAnsweredFromTheRetry() {
        Instant issued = Instant.parse("2026-12-03T10:00:00Z");
        links.create(MagicLink.Issued.now(HASH, new Email("reader@example.com"), MagicLinkPurpose.LOGIN, issued));
        Instant used = issued.plus(Duration.ofMinutes(1));

        standIn.faults().next("POST", "/query", Fault.answerLost());
        assertThat(links.consume(HASH, MagicLinkPurpose.LOGIN, used)).hasValueSatisfying(link -> {
            assertThat(link.email()).isEqualTo(new Email("reader@example.com"));
            assertThat(link.usedAt()).isEqualTo(used);
        });

        assertThat(links.consume(HASH, MagicLinkPurpose.LOGIN, used.plusSeconds(1))).as("spent once").isEmpty();
    }
}
