package dev.prompttracker.bootstrap;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.prompttracker.bootstrap.WebApp.button;
import static dev.prompttracker.bootstrap.WebApp.field;
import static dev.prompttracker.bootstrap.WebApp.heading;
import static dev.prompttracker.bootstrap.WebApp.link;
import static dev.prompttracker.bootstrap.WebApp.navLink;
import static dev.prompttracker.bootstrap.WebProduct.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Your data" in the system's headless Chromium against a freshly started product: download everything,
 * delete a prompt, import the file (the prompt is back), import it again (nothing new). Screenshots in
 * light and dark mode go to {@code target/screenshots}, and axe-core checks them.
 */
class DataJourneyIT {
    @RegisterExtension
    static final Chromium chromium = new Chromium();
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    @TempDir
    Path dataDir;
    WebProduct product;

    @BeforeEach
    void startProduct() {
        product = WebProduct.start(dataDir);
    }

    @AfterEach
    void stopProduct() {
        product.close();
    }

    private static void newPrompt(Page page, String title, String text) {
        navLink(page, "My prompts").click();
        link(page, "New prompt").click();
        field(page, "Title").fill(title);
        field(page, "Prompt").fill(text);
        button(page, "Save prompt").click();
        assertThat(heading(page, title)).isVisible();
    }

    private static void yourData(Page page) {
        navLink(page, "Account").click();
        link(page, "Your data").click();
        assertThat(heading(page, "Your data")).isVisible();
    }

    private static Locator reportRow(Page page, String kind) {
        return page.locator(".import-report tr").filter(new Locator.FilterOptions().setHasText(kind));
    }

    private void photographAndCheck(Page page, String name, List<String> blocking) {
        // The page as it rests: not the hover state of the button just clicked (Pico's lighter hover blue).
        page.mouse().move(0, 0);
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme).setReducedMotion(ReducedMotion.REDUCE));
            Screenshots.fullPage(page, name + "-" + scheme.name().toLowerCase());
            for (Rule violation : new AxeBuilder(page).analyze().getViolations()) {
                if (BLOCKING.contains(violation.getImpact())) {
                    blocking.add(name + " (" + scheme + "): " + violation.getId() + " " + violation.getHelp() + " at "
                            + violation.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList());
                }
            }
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
    }

    @Test
    void exportDeleteImportBringsThePromptBackAndASecondImportAddsNothing() throws Exception {
        List<String> blocking = new ArrayList<>();
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "ada", "ada@example.com", PASSWORD);
        newPrompt(page, "Alpha", "The first prompt.");
        newPrompt(page, "Beta", "The second prompt.");

        yourData(page);
        photographAndCheck(page, "your-data", blocking);
        Download download = page.waitForDownload(() -> button(page, "Download everything (JSONL)").click());
        assertThat(download.suggestedFilename()).matches("prompt-tracker-export-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
        Path file = dataDir.resolve("export.jsonl");
        download.saveAs(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).contains("\"header\"");
        assertThat(lines).filteredOn(line -> line.startsWith("{\"prompt\"")).hasSize(2);

        navLink(page, "My prompts").click();
        link(page, "Alpha").click();
        assertThat(heading(page, "Alpha")).isVisible();
        button(page, "Delete").click();
        button(page, "Delete prompt").click();
        navLink(page, "My prompts").click();
        assertThat(link(page, "Beta")).isVisible();
        assertThat(link(page, "Alpha")).isHidden();

        yourData(page);
        field(page, "Format").selectOption("jsonl");
        field(page, "File").setInputFiles(file);
        button(page, "Import").click();
        assertThat(heading(page, "Import report")).isVisible();
        assertThat(reportRow(page, "prompt")).containsText("prompt1");
        photographAndCheck(page, "your-data-imported", blocking);
        navLink(page, "My prompts").click();
        assertThat(link(page, "Alpha")).isVisible();

        yourData(page);
        field(page, "File").setInputFiles(file);
        button(page, "Import").click();
        assertThat(heading(page, "Import report")).isVisible();
        assertThat(reportRow(page, "prompt")).containsText("prompt02");
        assertThat(page.getByText("0 skipped")).isVisible();

        assertThat(blocking).as("serious or critical accessibility violations").isEmpty();
    }
}
