package dev.prompttracker.bootstrap;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import java.nio.file.Path;

/** Full-page PNGs of what the browser shows, under {@code target/screenshots/}. */
final class Screenshots {
    private Screenshots() {
    }

    static Path fullPage(Page page, String name) {
        Path file = Chromium.target("screenshots").resolve(name + ".png");
        // Transitions finish first: a shot right after a colour-scheme switch otherwise catches inputs mid-fade.
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true)
                .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
        return file;
    }

    /** One part of a page (a section), as PNG: small enough to look at its spacing and contrast. */
    static Path of(Locator part, String name) {
        Path file = Chromium.target("screenshots").resolve(name + ".png");
        part.screenshot(new Locator.ScreenshotOptions().setPath(file)
                .setAnimations(com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
        return file;
    }
}
