package org.frisson.test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Chromium (/usr/bin/chromium, installed by {@code scripts/setup --test}), headless, driven by
 * Playwright with a fresh profile. Playwright never downloads a browser here.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final BrowserContext context;
    private final Path profile;
    private final List<String> policyViolations = new CopyOnWriteArrayList<>();

    private Browser(Playwright playwright, BrowserContext context, Path profile) {
        this.playwright = playwright;
        this.context = context;
        this.profile = profile;
    }

    static Browser launch(int width, int height) {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: run scripts/setup --test");
        Playwright pw = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Path profile = Files.createTempDirectory("frisson-chromium");
            BrowserContext ctx = pw.chromium().launchPersistentContext(profile,
                    new BrowserType.LaunchPersistentContextOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                            .setArgs(FLAGS).setViewportSize(width, height).setTimeout(60_000));
            ctx.setDefaultTimeout(30_000);
            return new Browser(pw, ctx, profile);
        } catch (IOException e) {
            pw.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            pw.close();
            throw e;
        }
    }

    Page open(String url) {
        Page page = context.newPage();
        page.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                policyViolations.add(m.text());
            }
        });
        page.navigate(url);
        return page;
    }

    /** What the pages opened so far reported on their consoles as refused by the content security policy. */
    List<String> policyViolations() {
        return List.copyOf(policyViolations);
    }

    /** Fails naming every content security policy violation reported so far. */
    void assertNoPolicyViolation() {
        assertTrue(policyViolations.isEmpty(), "content security policy violations: " + policyViolations);
    }

    /** Saves a screenshot of {@code page} as {@code test/target/screenshots/<name>.png}. */
    static Path screenshot(Page page, String name, boolean fullPage) {
        Path out = Path.of("target", "screenshots", name + ".png").toAbsolutePath();
        page.screenshot(new Page.ScreenshotOptions().setPath(out).setFullPage(fullPage));
        assertTrue(Files.isRegularFile(out), "no screenshot at " + out);
        return out;
    }

    /**
     * Whether this run makes the README's pictures ({@code scripts/readme-pictures}): the tests then wait for a
     * fuller picture (a transition marked, a chill) before their screenshots and {@link #publish} them.
     */
    static boolean makingReadmePictures() {
        return Boolean.getBoolean("frisson.readme.pictures");
    }

    /** When making the README's pictures, copies {@code shot} to {@code <frisson home>/docs/<readmeName>.png}. */
    static void publish(Path shot, String readmeName) throws java.io.IOException {
        if (makingReadmePictures()) {
            Path docs = FrissonChild.home().resolve("docs").resolve(readmeName + ".png");
            Files.copy(shot, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Polls {@code js} (a function returning true or false) for up to {@code atMost}; whether it became true.
     * For pictures only: what the test must check it asserts with its own bounded waits.
     */
    static boolean settle(Page page, String js, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(page.evaluate(js))) {
                return true;
            }
            page.waitForTimeout(250);
        }
        return false;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            playwright.close();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
