package dev.prompttracker.bootstrap;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

/** Full-page PNGs of what the browser shows, under {@code target/screenshots/}. */
final class Screenshots {
    private Screenshots() {
    }

    static Path fullPage(Page page, String name) {
        Path file = Chromium.target("screenshots").resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
