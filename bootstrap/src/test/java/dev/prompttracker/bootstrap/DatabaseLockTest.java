package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One process at a time writes the embedded database: a second server is refused with a clear message. */
class DatabaseLockTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondServerOnTheSameDatabaseIsRefusedUntilTheFirstStops() {
        EmbeddedDeployment deployment = new EmbeddedDeployment(dataDir);
        try (PromptTracker first = deployment.start()) {
            assertThatThrownBy(deployment::start).isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("the database " + dataDir.resolve("prompt-tracker.sqlite")
                            + " is in use by a running prompt-tracker server (pid " + ProcessHandle.current().pid());
            assertThat(new RestClient(first.port()).get("/healthz", null).status()).isEqualTo(200);
        }
        try (PromptTracker restarted = deployment.start()) {
            assertThat(restarted.port()).isPositive();
        }
    }
}
