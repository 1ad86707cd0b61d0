package dev.prompttracker.bootstrap;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.prompttracker.bootstrap.WebApp.button;
import static dev.prompttracker.bootstrap.WebApp.field;
import static dev.prompttracker.bootstrap.WebApp.heading;
import static dev.prompttracker.bootstrap.WebApp.link;
import static dev.prompttracker.bootstrap.WebApp.navLink;
import static dev.prompttracker.bootstrap.WebProduct.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collections in the system's headless Chromium against a freshly started product: make one from a
 * prompt's page, add prompts, reorder them, share it as {@code /c/{id}} (where someone without an account
 * sees only its public prompts), rename it and delete it while its prompts stay. Screenshots of each
 * page in light and dark mode go to {@code target/screenshots}, and axe-core checks them.
 */
class CollectionsJourneyIT {
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

    private static void newPrompt(Page page, String title, String text, boolean isPublic) {
        navLink(page, "My prompts").click();
        link(page, "New prompt").click();
        field(page, "Title").fill(title);
        field(page, "Prompt").fill(text);
        if (isPublic) {
            field(page, "Public").check();
        }
        button(page, "Save prompt").click();
        assertThat(heading(page, title)).isVisible();
    }

    private static Locator dialog(Page page) {
        return page.getByRole(AriaRole.DIALOG);
    }

    private static void addTo(Page page, String title, String collection) {
        navLink(page, "My prompts").click();
        link(page, title).click();
        assertThat(heading(page, title)).isVisible();
        button(page, "Add to collection").click();
        Locator box = dialog(page).getByLabel(collection, new Locator.GetByLabelOptions().setExact(true));
        box.check();
        assertThat(box).isChecked();
        assertThat(box).isEnabled();
        dialog(page).getByRole(AriaRole.BUTTON, WebApp.namedIn("Done")).click();
    }

    private static Locator items(Page page) {
        return page.locator("ol.collection-items > li strong");
    }

    private void photographAndCheck(Page page, String name, List<String> blocking) {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme).setReducedMotion(ReducedMotion.REDUCE));
            Screenshots.fullPage(page, name + "-" + scheme.name().toLowerCase());
            for (Rule violation : new AxeBuilder(page).analyze().getViolations()) {
                if (BLOCKING.contains(violation.getImpact())) {
                    blocking.add(name + " (" + scheme + "): " + violation.getId() + " " + violation.getHelp());
                }
            }
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
    }

    @Test
    void anOwnerCollectsOrdersSharesRenamesAndDeletesACollection() {
        List<String> blocking = new ArrayList<>();
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "ada", "ada@example.com", PASSWORD);
        assertThat(page).hasURL(product.url("/prompts"));
        newPrompt(page, "Alpha", "The first prompt, kept private.", false);
        newPrompt(page, "Beta", "The second prompt, public.", true);
        newPrompt(page, "Gamma", "The third prompt, kept private.", false);

        // From the page of Gamma: a new collection, made and filled in the dialog.
        button(page, "Add to collection").click();
        assertThat(heading(page, "Add to collection")).isVisible();
        dialog(page).getByText("New collection").click();
        dialog(page).getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("Reading list");
        dialog(page).getByLabel("Description", new Locator.GetByLabelOptions().setExact(true))
                .fill("Prompts to read again.\nIn this order.");
        dialog(page).getByLabel("Public", new Locator.GetByLabelOptions().setExact(true)).check();
        dialog(page).getByRole(AriaRole.BUTTON, WebApp.namedIn("Create and add")).click();
        assertThat(dialog(page).getByLabel("Reading list", new Locator.GetByLabelOptions().setExact(true))).isChecked();
        Screenshots.fullPage(page, "add-to-collection-light");
        dialog(page).getByRole(AriaRole.BUTTON, WebApp.namedIn("Done")).click();
        addTo(page, "Alpha", "Reading list");
        addTo(page, "Beta", "Reading list");

        navLink(page, "Collections").click();
        assertThat(heading(page, "Collections")).isVisible();
        Locator listed = page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Reading list"));
        assertThat(listed).containsText("3 prompts · public");
        photographAndCheck(page, "collections", blocking);
        link(page, "Reading list").click();
        assertThat(heading(page, "Reading list")).isVisible();
        assertThat(page.getByText("In this order.")).isVisible();
        assertThat(items(page)).hasText(new String[] {"Gamma", "Alpha", "Beta"});

        button(page, "Move Beta up").click();
        assertThat(items(page)).hasText(new String[] {"Gamma", "Beta", "Alpha"});
        button(page, "Move Gamma down").click();
        assertThat(items(page)).hasText(new String[] {"Beta", "Gamma", "Alpha"});
        assertThat(button(page, "Move Beta up")).isDisabled();
        assertThat(button(page, "Move Alpha down")).isDisabled();
        String collectionUrl = page.url();
        page.reload();
        assertThat(items(page)).hasText(new String[] {"Beta", "Gamma", "Alpha"});
        photographAndCheck(page, "collection", blocking);

        button(page, "Remove Alpha from the collection").click();
        assertThat(items(page)).hasText(new String[] {"Beta", "Gamma"});

        button(page, "Edit collection").click();
        field(page, "Name").fill("Favourites");
        button(page, "Save collection").click();
        assertThat(heading(page, "Favourites")).isVisible();

        String id = collectionUrl.substring(collectionUrl.lastIndexOf('/') + 1);
        String share = product.url("/c/" + id);
        assertThat(page.locator("a[href='/c/" + id + "']")).isVisible();
        Page visitor = chromium.newPage();
        visitor.navigate(share);
        assertThat(heading(visitor, "Favourites")).isVisible();
        // A private prompt never shows through a public collection.
        assertThat(items(visitor))
                .hasText(new String[] {"Beta"});
        assertThat(visitor.getByText("1 prompt ·")).isVisible();
        assertThat(navLink(visitor, "Sign in")).isVisible();
        photographAndCheck(visitor, "shared-collection", blocking);

        button(page, "Edit collection").click();
        field(page, "Public").uncheck();
        button(page, "Save collection").click();
        assertThat(page.getByText("Private ·")).isVisible();
        visitor.reload();
        assertThat(heading(visitor, "Collection not found")).isVisible();

        button(page, "Delete collection").click();
        dialog(page).getByRole(AriaRole.BUTTON, WebApp.namedIn("Delete collection")).click();
        assertThat(page).hasURL(product.url("/collections"));
        assertThat(page.getByText("No collections yet.")).isVisible();
        navLink(page, "My prompts").click();
        assertThat(page.locator(".prompt-list li strong")).hasCount(3);
        assertThat(page).hasURL(Pattern.compile(".*/prompts$"));
        assertThat(blocking).as("serious or critical accessibility violations").isEmpty();
    }
}
