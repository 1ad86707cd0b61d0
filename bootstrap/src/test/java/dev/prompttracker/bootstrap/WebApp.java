package dev.prompttracker.bootstrap;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The web app as its users see it: the names, labels and landmarks of its UI contract, found by role
 * and label as a screen reader would find them.
 */
final class WebApp {
    // The accessible name of a checkbox, the ways HTML gives one.
    private static final String LABEL_OF = """
            e => (e.getAttribute('aria-label')
                  || (e.getAttribute('aria-labelledby') || '').split(/\\s+/)
                         .map(id => document.getElementById(id)?.textContent || '').join(' ').trim()
                  || e.labels?.[0]?.textContent
                  || '').trim()""";

    private WebApp() {
    }

    /** A regular expression matching the text literally, in the dialect Playwright hands to the browser (no \\Q…\\E). */
    static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}/-]", "\\\\$0");
    }

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    static Locator.GetByRoleOptions namedIn(String name) {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    static Locator field(Page page, String label) {
        return page.getByLabel(label, exact());
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, named(name));
    }

    static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, named(name));
    }

    static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, named(name));
    }

    static Locator nav(Page page) {
        return page.getByRole(AriaRole.NAVIGATION, named("Main"));
    }

    static Locator navLink(Page page, String name) {
        return nav(page).getByRole(AriaRole.LINK, namedIn(name));
    }

    /** On {@code /register}. */
    static void register(Page page, String username, String email, String password) {
        field(page, "Username").fill(username);
        field(page, "Email").fill(email);
        field(page, "Password").fill(password);
        button(page, "Create account").click();
    }

    /** On {@code /signin}, the password form. */
    static void signIn(Page page, String login, String password) {
        field(page, "Username or email").fill(login);
        field(page, "Password").fill(password);
        button(page, "Sign in").click();
    }

    /** On a prompt's page: adds a response and waits until it is listed. */
    static void addResponse(Page page, String model, String text, boolean markdown) {
        int before = button(page, "Delete response").count();
        field(page, "Model").fill(model);
        field(page, "Response").fill(text);
        field(page, "Markdown").setChecked(markdown);
        button(page, "Add response").click();
        assertThat(button(page, "Delete response")).hasCount(before + 1);
    }

    /** The section headed "Compare", a landmark named by its heading. */
    static Locator compareSection(Page page) {
        return page.getByRole(AriaRole.REGION, named("Compare"));
    }

    /** The responses shown side by side: the {@code article}s of the Compare section, headed by their model. */
    static Locator comparedResponses(Page page) {
        return compareSection(page).locator("article").filter(new Locator.FilterOptions().setHas(page.locator("h3")));
    }

    static Locator compared(Page page, String model) {
        return comparedResponses(page).filter(new Locator.FilterOptions()
                .setHas(page.getByRole(AriaRole.HEADING, named(model).setLevel(3))));
    }

    static Locator modelsToCompare(Page page) {
        return compareSection(page).getByRole(AriaRole.GROUP, namedIn("Models to compare"));
    }

    /** Ticks exactly these models in "Models to compare", adding before removing (2–4 may be ticked). */
    static void compare(Page page, String... models) {
        Locator choices = modelsToCompare(page).getByRole(AriaRole.CHECKBOX);
        assertThat(choices.first()).isVisible();
        List<String> wanted = List.of(models);
        for (String model : wanted) {
            modelsToCompare(page).getByRole(AriaRole.CHECKBOX, namedIn(model)).check();
        }
        for (Locator choice : choices.all()) {
            if (!wanted.contains(String.valueOf(choice.evaluate(LABEL_OF)))) {
                choice.uncheck();
            }
        }
        assertThat(comparedResponses(page)).hasCount(wanted.size());
    }

    /** Nothing on the page is loading any more ({@code aria-busy}). */
    static void settled(Page page) {
        assertThat(page.locator("[aria-busy=true]")).hasCount(0);
    }
}
