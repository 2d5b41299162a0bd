package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Playwright for Java driving the machine's Chromium (Debian's {@code chromium}, which CI installs):
 * no browser is ever downloaded. {@code TANDEM_CHROMIUM} names another executable. A missing
 * browser fails the test, never skips it: a browser test that does not run proves nothing.
 */
public final class Browsers {
    static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private Browsers() {}

    public static Playwright playwright() {
        return Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser chromium(Playwright playwright) {
        Path executable = Paths.get(System.getenv().getOrDefault("TANDEM_CHROMIUM", "/usr/bin/chromium"));
        assertThat(Files.isExecutable(executable))
                .as("Chromium at %s (apt-get install chromium; .ci/run does)", executable)
                .isTrue();
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run",
                                "--disable-dev-shm-usage")));
    }

    /**
     * A fresh browser profile (its own cookies). The page's Content-Security-Policy is bypassed only
     * so that the accessibility check can inject axe-core; the pages' own scripts never need it.
     */
    public static BrowserContext context(Browser browser) {
        return browser.newContext(new Browser.NewContextOptions()
                .setBypassCSP(true)
                .setTimezoneId("UTC")
                .setViewportSize(1280, 900));
    }

    /** Signs in with the form, as a person would; answers the page after the redirect. */
    public static Page signIn(BrowserContext context, String base, String username, String password) {
        Page page = context.newPage();
        page.navigate(base + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** axe-core's violations of impact serious or critical on the page (WCAG 2 A/AA and best practice). */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe !== 'undefined'")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeSource()));
        }
        Object result = page.evaluate("async () => { const r = await axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a','wcag2aa','wcag21a','wcag21aa','best-practice']}});"
                + " return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')); }");
        return new ArrayList<>((List<String>) result);
    }

    private static String axeSource() {
        try (InputStream in = Browsers.class.getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core WebJar on the test classpath: %s", AXE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
