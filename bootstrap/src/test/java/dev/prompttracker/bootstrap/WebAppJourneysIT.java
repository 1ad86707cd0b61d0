package dev.prompttracker.bootstrap;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.prompttracker.bootstrap.WebApp.button;
import static dev.prompttracker.bootstrap.WebApp.compared;
import static dev.prompttracker.bootstrap.WebApp.comparedResponses;
import static dev.prompttracker.bootstrap.WebApp.field;
import static dev.prompttracker.bootstrap.WebApp.heading;
import static dev.prompttracker.bootstrap.WebApp.link;
import static dev.prompttracker.bootstrap.WebApp.navLink;
import static dev.prompttracker.bootstrap.WebProduct.ADMIN;
import static dev.prompttracker.bootstrap.WebProduct.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The web app's journeys in the system's headless Chromium, each against a freshly started product
 * on its embedded defaults: the app at {@code /}, the REST API behind it, links read from the outbox.
 */
class WebAppJourneysIT {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private static final String TITLE = "Haiku about \"SQLite\" & friends";
    private static final String PROMPT = "Write a haiku about SQLite, the small database in every phone.";
    private static final String GPT_TEXT = "**Bold** answer from gpt-4o";
    /** PlainPassword's message, as the problem document's errors[] carries it. */
    private static final String SERVER_SAYS = "must be at least 10 characters";
    private static final String LLAMA_TEXT = "Plain answer from llama, kept as written";

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

    @Test
    void aNewUserComparesTwoResponsesAndSharesThePromptWithSomeoneWithoutAnAccount() throws Exception {
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "ada", "ada@example.com", PASSWORD);
        assertThat(page).hasURL(product.url("/prompts"));
        assertThat(page.getByText("confirm your email").first()).isVisible();
        assertThat(button(page, "Send the link again")).isVisible();

        link(page, "New prompt").click();
        field(page, "Title").fill(TITLE);
        field(page, "Prompt").fill(PROMPT);
        field(page, "Tags").fill("poetry, db");
        button(page, "Save prompt").click();
        assertThat(page).hasURL(Pattern.compile(WebApp.literal(product.url("/prompts/")) + "(?!new$)[^/?#]+$"));
        String id = page.url().substring(product.url("/prompts/").length());
        assertThat(heading(page, TITLE)).isVisible();

        assertThat(field(page, "Markdown")).isChecked();
        WebApp.addResponse(page, "gpt-4o", GPT_TEXT, true);
        WebApp.addResponse(page, "claude", "Plain answer from claude", false);
        WebApp.addResponse(page, "llama", LLAMA_TEXT, false);
        String models = field(page, "Model").getAttribute("list");
        assertThat(models).as("the Model input's datalist").isNotBlank();
        assertThat(page.locator("datalist[id='" + models + "'] option").evaluateAll("os => os.map(o => o.value)"))
                .asInstanceOf(LIST)
                .contains("gpt-4o", "claude", "llama");

        assertThat(heading(page, "Compare")).isVisible();
        assertThat(WebApp.modelsToCompare(page).getByRole(AriaRole.CHECKBOX)).hasCount(3);
        assertThat(WebApp.modelsToCompare(page).locator("input[type=checkbox]:checked")).hasCount(2);
        assertThat(field(page, "Scroll together")).hasAttribute("type", "checkbox");
        WebApp.compare(page, "gpt-4o", "llama");
        assertThat(comparedResponses(page).locator("h3").allTextContents()).map(String::strip)
                .containsExactlyInAnyOrder("gpt-4o", "llama");
        assertThat(compared(page, "gpt-4o").locator("strong")).hasText("Bold");
        Locator plain = compared(page, "llama").getByText(LLAMA_TEXT);
        assertThat(plain).isVisible();
        assertThat(plain).hasCSS("white-space", "pre-wrap");

        button(page, "Edit").click();
        field(page, "Public").check();
        button(page, "Save prompt").click();
        assertThat(comparedResponses(page)).hasCount(2);
        String share = product.url("/p/" + id);
        assertThat(page.getByText(share).or(page.locator("a[href='" + share + "'], input[value='" + share + "']"))
                .first()).isVisible();

        Page visitor = chromium.newPage();
        visitor.navigate(share);
        assertThat(heading(visitor, TITLE)).isVisible();
        assertThat(visitor.getByText(PROMPT).first()).isVisible();
        assertThat(navLink(visitor, "Sign in")).isVisible();
        assertThat(visitor.getByRole(AriaRole.REGION, WebApp.named("History")).locator("li").first())
                .containsText("by the owner");
        WebApp.compare(visitor, "gpt-4o", "llama");
        assertThat(compared(visitor, "gpt-4o").locator("strong")).hasText("Bold");
        assertThat(compared(visitor, "llama")).containsText(LLAMA_TEXT);

        sharePageNamesThePromptForLinkPreviews(share);
    }

    @Test
    void anOwnerReadsTheHistoryComparesVersionsRestoresOneAndDiffsTwoResponses() {
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "grace", "grace@example.com", PASSWORD);
        link(page, "New prompt").click();
        field(page, "Title").fill("Release notes");
        field(page, "Prompt").fill("Summarise the release notes.\nKeep it under 100 words.\nUse bullet points.");
        button(page, "Save prompt").click();
        Locator history = page.getByRole(AriaRole.REGION, WebApp.named("History"));
        assertThat(history.getByText("One version so far")).isVisible();
        WebApp.addResponse(page, "gpt-4o", "The release adds versions and a fast diff.", false);

        button(page, "Edit").click();
        field(page, "Prompt").fill("Summarise the release notes.\nKeep it under 50 words.\nUse bullet points.");
        field(page, "What changed").fill("shorter summary");
        button(page, "Save prompt").click();
        assertThat(history.locator("li")).hasCount(2);
        assertThat(history.locator("li").first()).containsText("v2");
        assertThat(history.locator("li").first()).containsText("shorter summary");
        assertThat(history.locator("li").first()).containsText("current");
        assertThat(history.locator("li").first()).containsText("by you");

        button(page, "Show changes").click();
        Locator diff = history.locator(".diff");
        assertThat(diff.locator("del")).hasText("100");
        assertThat(diff.locator("ins")).hasText("50");
        assertThat(diff).containsText("1 line(s) removed, 1 added");
        Screenshots.fullPage(page, "history-inline-light");
        button(page, "Side by side").click();
        assertThat(diff.locator("pre[data-side=from] del")).hasText("100");
        assertThat(diff.locator("pre[data-side=to] ins")).hasText("50");
        assertThat(diff.locator("pre[data-side=from] ins")).hasCount(0);
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        Screenshots.fullPage(page, "history-split-dark");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.LIGHT));

        WebApp.addResponse(page, "claude", "The release adds versions and a careful diff.", false);
        assertThat(page.locator(".response .answered")).hasText(new String[] {"answered v1", "answered v2"});

        button(page, "Restore v1").click();
        assertThat(history.locator("li")).hasCount(3);
        assertThat(history.locator("li").first()).containsText("Restored v1");
        assertThat(page.locator(".prompt-text")).containsText("under 100 words");

        Locator compare = WebApp.compareSection(page);
        button(page, "Show word diff").click();
        assertThat(compare.locator(".diff del")).hasText("fast");
        assertThat(compare.locator(".diff ins")).hasText("careful");
        Screenshots.fullPage(page, "response-word-diff-light");
    }

    @Test
    void anOwnerSearchesTheirPromptsAndAVisitorSearchesThePublicOnes() {
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "hopper", "hopper@example.com", PASSWORD);
        String[][] prompts = {
            {"Compiler notes", "Explain how a <b>compiler</b> turns source into machine code, step by step.", "cs", "on"},
            {"Bug report", "Write a bug report about the moth found in the relay.", "history", ""},
            {"Teaching", "Plan a lesson that makes compilers friendly for beginners.", "cs", ""},
        };
        for (String[] prompt : prompts) {
            link(page, "New prompt").click();
            field(page, "Title").fill(prompt[0]);
            field(page, "Prompt").fill(prompt[1]);
            field(page, "Tags").fill(prompt[2]);
            if (!prompt[3].isEmpty()) {
                field(page, "Public").check();
            }
            button(page, "Save prompt").click();
            assertThat(heading(page, prompt[0])).isVisible();
            if (prompt[0].equals("Teaching")) {
                WebApp.addResponse(page, "gpt-4o", "Start with a calculator that reads arithmetic.", false);
            }
            navLink(page, "My prompts").click();
        }

        field(page, "Search").fill("compil*");
        Locator hits = page.locator(".search-hits li");
        assertThat(hits).hasCount(2);
        assertThat(hits.first().locator("mark").first()).hasText("Compiler");
        assertThat(page.locator(".search-hits .snippet mark").first()).isVisible();
        assertThat(page.locator(".search-hits b")).hasCount(0);
        // Markup in a prompt is shown as text.
        assertThat(page.locator(".search-hits .snippet").first()).containsText("<b>");
        Screenshots.fullPage(page, "search-own-light");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        Screenshots.fullPage(page, "search-own-dark");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.LIGHT));

        field(page, "Search").fill("calculator");
        assertThat(hits).hasCount(1);
        assertThat(hits.first()).containsText("Teaching");
        page.getByText("More filters").click();
        field(page, "Search").fill("compilers");
        field(page, "Model").fill("gpt-4o");
        assertThat(hits).hasCount(1);
        field(page, "Model").fill("");
        field(page, "Search").fill("\"unclosed");
        assertThat(page.getByText("closing").first()).isVisible();

        Page visitor = chromium.newPage();
        visitor.navigate(product.url("/explore"));
        field(visitor, "Search").fill("compiler");
        Locator publicHits = visitor.locator(".search-hits li");
        assertThat(publicHits).hasCount(1);
        assertThat(publicHits.first()).containsText("Compiler notes");
        visitor.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        Screenshots.fullPage(visitor, "search-explore-dark");
        publicHits.first().getByRole(AriaRole.LINK).click();
        assertThat(heading(visitor, "Compiler notes")).isVisible();
    }

    /** What a chat app or a search engine reads: the server's HTML, without running the app. */
    private void sharePageNamesThePromptForLinkPreviews(String share) throws Exception {
        HttpResponse<String> html;
        try (HttpClient http = HttpClient.newHttpClient()) {
            html = http.send(HttpRequest.newBuilder(URI.create(share)).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Page head = chromium.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false)).newPage();
        head.setContent(html.body());
        assertThat(head).hasTitle(Pattern.compile(WebApp.literal(TITLE)));
        assertThat(head.locator("meta[property='og:title']")).hasAttribute("content", Pattern.compile(WebApp.literal(TITLE)));
        assertThat(head.locator("meta[property='og:description']"))
                .hasAttribute("content", Pattern.compile(WebApp.literal(PROMPT.substring(0, 40))));
    }

    @Test
    void aSubscriberSignsInWithTheLinkFromTheOutbox() {
        Page page = chromium.newPage();
        page.navigate(product.url("/handbook"));
        assertThat(heading(page, "Handbook")).isVisible();
        field(page, "Email").fill("reader@example.com");
        field(page, "First name").fill("Ada");
        button(page, "Subscribe").click();
        assertThat(page.getByText("Thanks").first()).isVisible();

        navLink(page, "Sign in").click();
        assertThat(heading(page, "Sign in by email")).isVisible();
        field(page, "Email").fill("reader@example.com");
        button(page, "Email me a sign-in link").click();
        assertThat(page.getByText("If this address is registered, a sign-in link is on its way")).isVisible();

        page.navigate(product.awaitLink("reader@example.com", "/auth/verify"));
        assertThat(page).hasURL(product.url("/handbook"));
        assertThat(navLink(page, "Account")).isVisible();
        assertThat(WebApp.nav(page).getByRole(AriaRole.BUTTON, WebApp.namedIn("Sign out"))).isVisible();
        assertThat(navLink(page, "Sign in")).hasCount(0);
        assertThat(page.getByText("My progress").first()).isVisible();
    }

    @Test
    void anAdminWhoProvedTheirAddressSeesTheAnalytics() {
        product.readingSubscriber("reader@example.com", "Ada");
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "root", ADMIN, PASSWORD);
        assertThat(page).hasURL(product.url("/prompts"));
        assertThat(WebApp.nav(page)).isVisible();
        assertThat(navLink(page, "Admin").count()).as("an Admin link before the address is proven").isZero();

        page.navigate(product.awaitLink(ADMIN, "/auth/verify-email"));
        assertThat(page.getByText("Your email address is confirmed")).isVisible();
        navLink(page, "Admin").click();
        assertThat(page).hasURL(product.url("/admin"));
        for (String section : List.of("Subscribers", "Progress", "Access log")) {
            assertThat(heading(page, section)).isVisible();
        }
        assertThat(page.getByRole(AriaRole.IMG, WebApp.named("Completion rate by chapter"))).isVisible();
        assertThat(page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("reader@example.com")).first())
                .isVisible();
        assertThat(field(page, "Access").first()).hasAttribute("type", "checkbox");
        assertThat(field(page, "Purchased").first()).hasAttribute("type", "checkbox");
        assertThat(page.getByRole(AriaRole.TABLE).count()).as("subscribers and progress tables").isGreaterThanOrEqualTo(2);
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheCallRetried() {
        String token = product.account("ada", "ada@example.com");
        product.createPrompt(token, "Kept in the list", "Listed after a refresh", List.of(), false);
        Page page = signedInOnTheHandbook();

        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean expire = new AtomicBoolean(true);
        page.route(url -> url.startsWith(product.url("/api/")), route -> {
            Request request = route.request();
            String call = request.method() + " " + URI.create(request.url()).getPath();
            boolean authenticated = request.headerValue("authorization") != null;
            if (authenticated && !call.endsWith("/api/auth/refresh") && expire.getAndSet(false)) {
                calls.add("401 " + call);
                route.fulfill(unauthorized());
            } else {
                calls.add(call);
                route.resume();
            }
        });
        navLink(page, "My prompts").click();
        assertThat(link(page, "Kept in the list")).isVisible();

        List<String> seen = List.copyOf(calls);
        List<String> refused = seen.stream().filter(c -> c.startsWith("401 ")).toList();
        assertThat(refused).as("the one call answered 401, in %s", seen).hasSize(1);
        String retried = refused.getFirst().substring(4);
        int refresh = seen.indexOf("POST /api/auth/refresh");
        assertThat(seen.stream().filter(c -> c.equals("POST /api/auth/refresh"))).as("refreshes in %s", seen).hasSize(1);
        assertThat(refresh).as("the refresh comes after the 401, in %s", seen).isGreaterThan(seen.indexOf(refused.getFirst()));
        assertThat(seen.subList(refresh + 1, seen.size())).as("the refused call is made again, in %s", seen)
                .contains(retried);
    }

    @Test
    void aFailedRefreshSendsTheAppToSignIn() {
        product.account("ada", "ada@example.com");
        Page page = signedInOnTheHandbook();
        assertThat(refreshToken(page)).as("the refresh token kept by the app").isNotNull();

        AtomicBoolean expire = new AtomicBoolean(true);
        page.route(url -> url.startsWith(product.url("/api/")), route -> {
            boolean refresh = route.request().url().startsWith(product.url("/api/auth/refresh"));
            boolean authenticated = route.request().headerValue("authorization") != null;
            if (refresh || authenticated && expire.getAndSet(false)) {
                route.fulfill(unauthorized());
            } else {
                route.resume();
            }
        });
        navLink(page, "My prompts").click();
        assertThat(page).hasURL(Pattern.compile(WebApp.literal(product.url("/signin")) + "([?#].*)?$"));
        assertThat(field(page, "Username or email")).isVisible();
        assertThat(refreshToken(page)).as("tokens cleared").isNull();
    }

    private Page signedInOnTheHandbook() {
        Page page = chromium.newPage();
        page.navigate(product.url("/signin"));
        WebApp.signIn(page, "ada", PASSWORD);
        assertThat(page).hasURL(product.url("/prompts"));
        navLink(page, "Handbook").click();
        assertThat(heading(page, "Handbook")).isVisible();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        return page;
    }

    private static Route.FulfillOptions unauthorized() {
        return new Route.FulfillOptions().setStatus(401).setContentType("application/problem+json")
                .setBody("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"The access token has expired\"}");
    }

    private static Object refreshToken(Page page) {
        return page.evaluate("localStorage.getItem('prompt-tracker.refresh')");
    }

    @Test
    void aFieldsProblemIsShownNextToTheField() {
        Page page = chromium.newPage();
        page.navigate(product.url("/register"));
        WebApp.register(page, "ada", "ada@example.com", "too short");

        Locator password = field(page, "Password");
        assertThat(password).hasAttribute("aria-invalid", "true");
        assertThat(password).hasAccessibleDescription(Pattern.compile(SERVER_SAYS));
        String describedBy = password.getAttribute("aria-describedby");
        assertThat(describedBy).as("aria-describedby of Password").isNotBlank();
        Locator message = page.locator("[id='" + describedBy.trim().split("\\s+")[0] + "']");
        assertThat(message).containsText(SERVER_SAYS);
        assertThat(message.evaluate("e => e.tagName")).isEqualTo("SMALL");
        assertThat(field(page, "Username")).not().hasAttribute("aria-invalid", "true");
        assertThat(page).hasURL(product.url("/register"));
    }

    @Test
    void markdownCannotRunScript() {
        String token = product.account("ada", "ada@example.com");
        String id = product.createPrompt(token, "Sanitiser", "Say something nasty", List.of(), false);
        product.addResponse(token, id, "mallory", """
                **bold** words, <img src=x onerror=alert(1)>, [click](javascript:alert(2)),
                <a href="javascript:alert(3)">raw link</a>, <script>alert(4)</script> and [docs](https://example.com/docs)
                """, true);
        product.addResponse(token, id, "alice", "A plain answer", false);

        Page page = chromium.newPage();
        List<String> dialogs = Collections.synchronizedList(new ArrayList<>());
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        page.navigate(product.url("/signin"));
        WebApp.signIn(page, "ada", PASSWORD);
        link(page, "Sanitiser").click();
        assertThat(heading(page, "Sanitiser")).isVisible();
        Locator mallory = compared(page, "mallory");
        assertThat(mallory.locator("strong")).hasText("bold");
        assertThat(mallory.getByRole(AriaRole.LINK, WebApp.namedIn("docs"))).isVisible();
        page.waitForLoadState(LoadState.NETWORKIDLE);
        for (String text : List.of("click", "raw link")) {
            Locator inert = mallory.getByText(text, new Locator.GetByTextOptions().setExact(true));
            if (inert.count() > 0) {
                inert.first().click();
            }
        }

        assertThat(page.locator("[onerror]")).hasCount(0);
        assertThat(page.evaluate("""
                () => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                        .filter(a => /^\\s*javascript:/i.test(a.value)).map(a => a.name + '=' + a.value)"""))
                .asInstanceOf(LIST).isEmpty();
        assertThat(mallory.locator("script")).hasCount(0);
        Locator links = mallory.locator("a[href]");
        assertThat(links.count()).isGreaterThanOrEqualTo(1);
        for (Locator kept : links.all()) {
            assertThat(kept).hasAttribute("rel", Pattern.compile("(?=.*\\bnoopener\\b)(?=.*\\bnoreferrer\\b)"));
        }
        assertThat(dialogs).as("dialogs opened by script").isEmpty();
    }
}
