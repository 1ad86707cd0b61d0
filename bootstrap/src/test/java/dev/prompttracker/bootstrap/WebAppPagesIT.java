package dev.prompttracker.bootstrap;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ReducedMotion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.prompttracker.bootstrap.WebApp.button;
import static dev.prompttracker.bootstrap.WebApp.heading;
import static dev.prompttracker.bootstrap.WebProduct.ADMIN;
import static dev.prompttracker.bootstrap.WebProduct.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's main pages, signed out and signed in as an admin, over a product holding a shared prompt
 * with three responses and some reading: checked by axe-core and photographed, each in light and dark mode.
 */
class WebAppPagesIT {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private static final String TITLE = "Haiku about SQLite";
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final List<ColorScheme> SCHEMES = List.of(ColorScheme.LIGHT, ColorScheme.DARK);

    @TempDir
    static Path dataDir;
    static WebProduct product;
    static String promptId;

    /** A page, who sees it, and what shows that it has loaded. */
    record MainPage(String name, String path, boolean signedIn, Function<Page, Locator> shown) {
    }

    @BeforeAll
    static void startProductWithContent() {
        // One client address plays every visitor here: every page load of a signed-in tab refreshes its token.
        product = WebProduct.start(dataDir, Map.of("RATE_LIMIT_ANONYMOUS_READS_PER_IP", "1000/1m"));
        String admin = product.provenAccount("root", ADMIN);
        product.subscribe(ADMIN, "Root");
        product.recordReading(admin);
        product.readingSubscriber("reader@example.com", "Ada");
        promptId = product.createPrompt(admin, TITLE, "Write a haiku about SQLite, the small database in every phone.",
                List.of("poetry", "db"), true);
        product.addResponse(admin, promptId, "gpt-4o", """
                ## A haiku

                *Pages in one file* —
                rows wait for the morning query,
                `WAL` keeps the night.

                - short
                - [about haiku](https://en.wikipedia.org/wiki/Haiku)
                """, true);
        product.addResponse(admin, promptId, "claude", "One file holds it all\nquiet tables in the phone\nthe journal sleeps", false);
        product.addResponse(admin, promptId, "llama", "SQLite, small and sure.", true);
        product.createPrompt(admin, "Limerick about Java", "Write a limerick about the JVM.", List.of("poetry"), true);
    }

    @AfterAll
    static void stopProduct() {
        if (product != null) {
            product.close();
        }
    }

    static List<MainPage> mainPages() {
        return List.of(
                new MainPage("signin", "/signin", false, page -> button(page, "Sign in")),
                new MainPage("register", "/register", false, page -> button(page, "Create account")),
                new MainPage("shared", "/p/" + promptId, false, page -> WebApp.compared(page, "claude")),
                new MainPage("explore", "/explore", false, page -> heading(page, "Explore")),
                new MainPage("handbook", "/handbook", false, page -> button(page, "Subscribe")),
                new MainPage("prompts", "/prompts", true, page -> WebApp.link(page, TITLE)),
                new MainPage("prompt", "/prompts/" + promptId, true, page -> WebApp.compared(page, "claude")),
                new MainPage("handbook-reader", "/handbook", true, page -> page.getByText("My progress").first()),
                new MainPage("account", "/account", true, page -> button(page, "Set password")),
                new MainPage("admin", "/admin", true,
                        page -> page.getByRole(AriaRole.IMG, WebApp.named("Completion rate by chapter"))));
    }

    @Test
    void mainPagesHaveNoSeriousOrCriticalAccessibilityViolations() {
        List<String> blocking = new ArrayList<>();
        Map<String, Integer> checked = new LinkedHashMap<>();
        visitMainPages((main, page) -> {
            for (ColorScheme scheme : SCHEMES) {
                inScheme(page, scheme);
                AxeResults results = new AxeBuilder(page).analyze();
                assertThat(results.isErrored()).as("axe ran on %s: %s", main.name(), results.getErrorMessage()).isFalse();
                checked.put(main.name() + " (" + scheme + ")", results.getPasses().size());
                System.out.println("[axe] " + main.name() + " (" + scheme.name().toLowerCase() + "): "
                        + results.getPasses().size() + " rules pass, " + results.getViolations().size() + " violated");
                for (Rule violation : results.getViolations()) {
                    String line = describe(main, scheme, violation);
                    System.out.println("[axe] " + line);
                    if (BLOCKING.contains(violation.getImpact())) {
                        blocking.add(line);
                    }
                }
            }
        });
        assertThat(checked).as("rules axe saw pass, per page").hasSize(2 * mainPages().size()).allSatisfy(
                (page, passes) -> assertThat(passes).as(page).isPositive());
        assertThat(blocking).as("serious or critical accessibility violations").isEmpty();
    }

    @Test
    void mainPagesAreScreenshottedInLightAndDarkMode() throws Exception {
        List<Path> written = new ArrayList<>();
        visitMainPages((main, page) -> {
            Map<ColorScheme, Object> backgrounds = new LinkedHashMap<>();
            for (ColorScheme scheme : SCHEMES) {
                inScheme(page, scheme);
                backgrounds.put(scheme, page.evaluate("""
                        () => [document.body, document.documentElement].map(e => getComputedStyle(e).backgroundColor)
                                .find(c => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') ?? 'none'"""));
                written.add(Screenshots.fullPage(page, main.name() + "-" + scheme.name().toLowerCase()));
            }
            assertThat(backgrounds.get(ColorScheme.DARK)).as("%s: the dark background differs from the light one", main.name())
                    .isNotEqualTo(backgrounds.get(ColorScheme.LIGHT));
        });
        assertThat(written).hasSize(2 * mainPages().size());
        for (Path png : written) {
            assertThat(Files.size(png)).as(png.toString()).isPositive();
        }
    }

    /** Opens each main page, signed out or as the admin, and hands it over once it has loaded. */
    private void visitMainPages(BiConsumer<MainPage, Page> check) {
        Page visitor = newPage();
        Page admin = newPage();
        admin.navigate(product.url("/signin"));
        WebApp.signIn(admin, "root", PASSWORD);
        assertThat(admin).hasURL(product.url("/prompts"));
        for (MainPage main : mainPages()) {
            Page page = main.signedIn() ? admin : visitor;
            page.navigate(product.url(main.path()));
            assertThat(main.shown().apply(page)).isVisible();
            WebApp.settled(page);
            check.accept(main, page);
        }
    }

    private static Page newPage() {
        // No transitions: colours are measured and photographed as they end, not half-way.
        return chromium.newContext(new Browser.NewContextOptions().setReducedMotion(ReducedMotion.REDUCE)).newPage();
    }

    private static void inScheme(Page page, ColorScheme scheme) {
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme).setReducedMotion(ReducedMotion.REDUCE));
        page.waitForFunction("() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')");
    }

    private static String describe(MainPage main, ColorScheme scheme, Rule violation) {
        List<String> targets = violation.getNodes().stream().map(node -> String.valueOf(node.getTarget())).limit(5).toList();
        return main.name() + " (" + scheme.name().toLowerCase() + "): " + violation.getImpact() + " " + violation.getId()
                + " — " + violation.getHelp() + " — " + violation.getNodes().size() + " element(s): " + targets;
    }
}
