package dev.prompttracker.cloudflare.workerd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy guide's {@code wrangler deploy}, short of uploading: the Worker bundles and its
 * {@code wrangler.jsonc} declares the bindings the product reaches by name by default.
 */
class GatewayDeployCheckTest {

    @Test
    void theWorkerBundlesWithTheBindingsTheProductNames(@TempDir Path out) throws Exception {
        String printed = WorkerdGateway.deployDryRun(out);

        assertThat(printed).contains("--dry-run: exiting now");
        for (String binding : new String[] {WorkerdGateway.D1, WorkerdGateway.KV, WorkerdGateway.QUEUE,
                WorkerdGateway.DEAD_LETTERS, WorkerdGateway.R2}) {
            assertThat(printed).as(printed).containsPattern("env\\." + binding + " \\(");
        }
        assertThat(out.resolve("index.js")).isRegularFile();
        assertThat(Files.readString(out.resolve("index.js"))).contains("x-gateway-signature");
    }
}
