package dev.tandem.server.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the browser tests: the server with the demo incident loaded (a member in every
 * role, each with a password), and Chromium driven by Playwright. Subclasses share one server (the
 * same Spring test context) and one browser per class; each test gets fresh browser profiles.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "browser");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected DemoData demoData;

    protected DemoData.Loaded demo;
    private Playwright playwright;
    protected Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void startBrowser() throws Exception {
        demo = demoData.load();
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void freshContexts() {
        contexts.clear();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected String incidentPath() {
        return "/incidents/" + demo.incident().id();
    }

    /** The demo's member in {@code role}, or the administrator for null. */
    protected static String username(Role role) {
        return DemoData.PEOPLE.stream()
                .filter(p -> p.role() == role)
                .findFirst()
                .orElseThrow()
                .username();
    }

    /** A new browser profile signed in with the form as the demo's member in {@code role} (null: the administrator). */
    protected Page signIn(Role role) {
        BrowserContext context = Browsers.context(browser);
        contexts.add(context);
        String user = username(role);
        return Browsers.signIn(context, base(), user, demo.passwords().get(user));
    }
}
