package dev.prompttracker.bootstrap;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The system's headless Chromium, driven by Playwright, for the browser tests: launched once per JVM
 * and shared by every test class (Playwright takes ~2 s to start, a browser ~1 s). A class that
 * registers it is skipped where Chromium is absent. Each test's browser contexts (1280×800) are
 * closed after it; when it failed, their pages are first saved to {@code target/screenshots/failed/}.
 */
final class Chromium implements BeforeAllCallback, AfterTestExecutionCallback {
    /** Debian's package; the environment variable {@code CHROMIUM} names another executable. */
    static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);
    // Fail within seconds when the app does not show what a test waits for, not after Playwright's 30 s.
    private static final double TIMEOUT_MILLIS = 10_000;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private Launched launched;

    /** Playwright and the browser it launched; the JUnit store closes it when the test run ends. */
    private record Launched(Playwright playwright, Browser browser) implements AutoCloseable {
        static Launched launch(Path executable) {
            // The variable also comes from the build (failsafe); set here too so a run from an IDE never downloads.
            Playwright playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            try {
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--no-first-run", "--disable-sync")));
                return new Launched(playwright, browser);
            } catch (RuntimeException e) {
                playwright.close();
                throw e;
            }
        }

        @Override
        public void close() {
            playwright.close();
        }
    }

    static Path executable() {
        String override = System.getenv("CHROMIUM");
        return override == null || override.isBlank() ? DEBIAN_CHROMIUM : Path.of(override);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path executable = executable();
        assumeTrue(Files.isExecutable(executable), () -> "No Chromium at " + executable
                + ": browser tests skipped (apt-get install chromium, or set CHROMIUM to its executable)");
        launched = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Launched.class, key -> Launched.launch(executable), Launched.class);
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MILLIS);
    }

    Browser browser() {
        return launched.browser();
    }

    /** A fresh context: no cookies, no storage, no cache, as a new visitor. */
    BrowserContext newContext() {
        return newContext(new Browser.NewContextOptions());
    }

    /** A fresh context with these options, at 1280×800. */
    BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser().newContext(options.setViewportSize(WIDTH, HEIGHT));
        context.setDefaultTimeout(TIMEOUT_MILLIS);
        context.onPage(Chromium::echoProblems);
        contexts.add(context);
        return context;
    }

    /** A page in a {@link #newContext() fresh context}. */
    Page newPage() {
        return newContext().newPage();
    }

    // The app's own errors explain most failures: they go to the test's output file.
    private static void echoProblems(Page page) {
        page.onPageError(error -> System.out.println("[browser] page error on " + page.url() + ": " + error));
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                System.out.println("[browser] console " + message.type() + " on " + page.url() + ": " + message.text());
            }
        });
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent()) {
                String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
                int n = 0;
                for (BrowserContext browserContext : contexts) {
                    for (Page page : browserContext.pages()) {
                        saveQuietly(page, "failed/" + test + "-" + ++n);
                    }
                }
            }
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
        }
    }

    private static void saveQuietly(Page page, String name) {
        try {
            Path file = Screenshots.fullPage(page, name);
            System.out.println("[browser] " + page.url() + " when the test failed: " + file);
        } catch (PlaywrightException e) {
            System.out.println("[browser] no screenshot of " + page.url() + ": " + e.getMessage());
        }
    }

    /** Files the browser tests write, under the module's {@code target/}. */
    static Path target(String relative) {
        return Path.of(System.getProperty("basedir", ".")).resolve("target").resolve(relative);
    }
}
