package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as {@code bootstrap} wires it on its embedded defaults (SQLite, files, argon2id, JWT)
 * in a temporary data directory, driven through its REST contract with a plain HTTP client.
 */
class EndToEndIT {
    @TempDir
    Path dataDir;

    @Test
    void aNewUserSavesAPromptWithThreeResponsesSharesItAndDeletesIt() {
        EmbeddedDeployment deployment = new EmbeddedDeployment(dataDir);
        try (PromptTracker app = deployment.start()) {
            ProductJourneys.SavedPrompt prompt = ProductJourneys.savePromptWithResponsesAndShare(app, deployment);
            assertThat(deployment.blobKeys()).isNotEmpty();
            EmbeddedDeployment.assertOwnerOnly(dataDir);
            ProductJourneys.deletePrompt(app, deployment, prompt);
        }
    }

    @Test
    void dataKeysAndRevocationsSurviveARestart() {
        ProductJourneys.dataKeysAndRevocationsSurviveARestart(new EmbeddedDeployment(dataDir));
    }

    @Test
    void aReaderSignsInFromTheOutboxAndAnAdminSeesTheirReading() throws Exception {
        EmbeddedDeployment deployment = new EmbeddedDeployment(dataDir);
        try (PromptTracker app = deployment.start()) {
            ProductJourneys.readerSignsInByEmailAndAnAdminSeesTheirReading(app, deployment);
            EmbeddedDeployment.assertOwnerOnly(dataDir);
        }
    }
}
