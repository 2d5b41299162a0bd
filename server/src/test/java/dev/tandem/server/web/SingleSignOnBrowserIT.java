package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.demo.DemoData;
import dev.tandem.testprovider.OpenIdProvider;
import dev.tandem.testprovider.OpenIdProvider.Person;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on against a real OpenID provider (Spring Authorization Server, started first on a
 * port of its own): Tandem discovers it through its issuer, the browser signs in on the
 * provider's own form and comes back through the authorization code flow (docs/web.md, "Single
 * sign-on"). Tandem's port is chosen before it starts, as the provider must know the redirect URI.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "tandem.demo=true",
            "logging.level.dev.tandem=WARN",
            "tandem.sign-on.admin-claim=groups",
            "tandem.sign-on.admin-value=tandem-admins"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleSignOnBrowserIT {
    private static final int PORT = freePort();
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final String PROVIDER_NAME = "Corp ID";

    /** The provider's people; each password is their login with "-pw". */
    private static final List<Person> PEOPLE = List.of(
            // matched by username: the demo's incident commander
            person("irene", "commander", "irene.weber@corp.example", true, List.of("staff")),
            // matched by e-mail only: no Tandem account is named rcosta
            person("rafael", "rcosta", "Rafael.Costa@Corp.Example", true, List.of("staff")),
            // in the provider's administrators' group
            person("ada", "ada", "ada@corp.example", true, List.of("staff", "tandem-admins")),
            // no Tandem account by either
            person("mallory", "mallory", "mallory@corp.example", true, List.of("tandem-admins")),
            // an address Tandem knows, but the provider says it is not verified
            person("eve", "eve", "ada@corp.example", false, List.of()),
            // an address Tandem knows, and the provider does not say whether it is verified
            person("trent", "trent", "ada@corp.example", null, List.of()),
            // will be disabled by an administrator while signed in
            person("dora", "dora", "dora@corp.example", true, List.of()),
            // another person of the provider now asserting the commander's username (a reassigned name)
            person("ivan", "commander", "ivan@corp.example", true, List.of()));

    private static OpenIdProvider.Running provider;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        TestDatabases.embedded(registry, "sso");
        provider = OpenIdProvider.start(
                new OpenIdProvider.Setup("tandem", "tandem-client-secret", BASE + "/login/oauth2/code/corp", PEOPLE));
        String p = "spring.security.oauth2.client.";
        registry.add("server.port", () -> PORT);
        registry.add(p + "provider.corp.issuer-uri", provider::issuer);
        registry.add(p + "registration.corp.client-id", () -> "tandem");
        registry.add(p + "registration.corp.client-secret", () -> "tandem-client-secret");
        registry.add(p + "registration.corp.client-name", () -> PROVIDER_NAME);
        registry.add(p + "registration.corp.scope", () -> "openid,profile,email");
    }

    @Autowired
    DemoData demoData;

    private DemoData.Loaded demo;
    private Api admin;
    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        demo = demoData.load();
        admin = new Api(BASE, demo.adminToken());
        // accounts an administrator created for the provider's people (the demo has the commander)
        createUser("rafael.costa", "rafael.costa@corp.example");
        createUser("ada", "ada@corp.example");
        createUser("dora", null);
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void aProviderUserIsMatchedByUsername() {
        Page page = signOn("irene");
        assertThat(page.url()).isEqualTo(BASE + "/incidents");
        assertThat(signedInAs(page)).isEqualTo("commander");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(DemoData.TITLE))
                        .count())
                .isEqualTo(1);
        assertThat(adminLink(page).count()).isZero();
        assertThat(page.locator("header").innerText()).doesNotContain("administrator");
    }

    @Test
    void aProviderUserIsMatchedByVerifiedEmailIgnoringCase() {
        Page page = signOn("rafael");
        assertThat(page.url()).isEqualTo(BASE + "/incidents");
        assertThat(signedInAs(page)).isEqualTo("rafael.costa");
        assertThat(adminLink(page).count()).isZero();
    }

    @Test
    void theProvidersAdministratorsGroupMakesTheSessionAdmin() {
        Page page = signOn("ada");
        assertThat(signedInAs(page)).isEqualTo("ada");
        assertThat(page.locator("header").innerText()).contains("(administrator)");
        assertThat(adminLink(page).count()).isEqualTo(1);
        // the account itself stays an ordinary one: the provider grants ADMIN for its sessions only
        var ada = admin.get("/api/v1/users")
                .json()
                .valueStream()
                .filter(u -> u.get("username").asString().equals("ada"))
                .findFirst()
                .orElseThrow();
        assertThat(ada.get("admin").asBoolean()).isFalse();
    }

    @Test
    void anIdentityWithoutAnAccountIsRefusedWithAMessage() {
        Page page = signOnRefused("mallory");
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("did not match an enabled Tandem account");
        assertThat(Browsers.seriousViolations(page)).isEmpty();
        page.navigate(BASE + "/incidents");
        assertThat(page.url()).startsWith(BASE + "/login");
    }

    @Test
    void anAddressTheProviderDoesNotVouchForMatchesNoAccount() {
        // ada@corp.example belongs to the account ada; these identities must not become ada
        assertThat(signOnRefused("eve").getByRole(AriaRole.ALERT).innerText()).contains("did not match");
        assertThat(signOnRefused("trent").getByRole(AriaRole.ALERT).innerText()).contains("did not match");
    }

    @Test
    void anAccountFollowsTheIdentityItFirstSignedInWithAndAnAdministratorCanReleaseIt() {
        // irene's first sign-in binds the account commander to her subject at this provider
        assertThat(signedInAs(signOn("irene"))).isEqualTo("commander");
        assertThat(bindings("commander")).containsExactly(provider.issuer());

        // ivan asserts the same username: refused, with what to do about it
        Page refused = throughProvider("ivan");
        refused.waitForURL(url -> url.startsWith(BASE + "/login?"));
        assertThat(refused.url()).isEqualTo(BASE + "/login?sso-taken");
        assertThat(refused.getByRole(AriaRole.ALERT).innerText())
                .contains("belongs to another identity of this provider");
        refused.navigate(BASE + "/incidents");
        assertThat(refused.url()).startsWith(BASE + "/login");

        // released by an administrator (recorded), the next identity to match binds the account
        Api.Response released = admin.send("DELETE", "/api/v1/users/commander/sign-on", null, null);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().path("released").asInt()).isEqualTo(1);
        assertThat(bindings("commander")).isEmpty();
        assertThat(signedInAs(signOn("ivan"))).isEqualTo("commander");
        assertThat(signOnRefusedAs("irene", "sso-taken")
                        .getByRole(AriaRole.ALERT)
                        .innerText())
                .contains("Ask an administrator to release the account");

        // and back, for the other tests: release on the administration page, irene binds again
        Page adminPage = signInAsAdministrator();
        adminPage.navigate(BASE + "/admin/users");
        adminPage
                .getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Release the single sign-on identity of commander"))
                .click();
        assertThat(adminPage.getByRole(AriaRole.STATUS).innerText()).contains("commander is released");
        assertThat(signedInAs(signOn("irene"))).isEqualTo("commander");
        long size = Long.parseLong(admin.get("/api/v1/ledger/checkpoint")
                .body()
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow());
        String recent = admin.get("/api/v1/ledger/entries?from=" + Math.max(0, size - 20) + "&to=" + size)
                .body();
        assertThat(recent)
                .contains("\"type\":\"user.sign-on-released\"")
                .contains("\"type\":\"user.sign-on-bound\"")
                .contains("\"subject\":\"ivan\"");
    }

    @Test
    void aUserDisabledWhileSignedInIsSentToTheSignInPageAtTheNextClick() {
        Page page = signOn("dora");
        assertThat(signedInAs(page)).isEqualTo("dora");

        assertThat(admin.postJson("/api/v1/users/dora/disable", "{}").status()).isEqualTo(204);

        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Incidents").setExact(true))
                .first()
                .click();
        page.waitForURL(url -> url.contains("/login?disabled"));
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("disabled");
        page.navigate(BASE + "/incidents");
        assertThat(page.url()).startsWith(BASE + "/login");

        // the provider still knows dora and signs her in at once, but Tandem refuses her
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with " + PROVIDER_NAME))
                .click();
        page.waitForURL(url -> url.startsWith(BASE + "/login?"));
        assertThat(page.url()).isEqualTo(BASE + "/login?sso-error");
    }

    @Test
    void aForgedAnswerFromTheProviderIsRefusedAsAFailureNotAsAMissingAccount() {
        BrowserContext context = Browsers.context(browser);
        contexts.add(context);
        Page page = context.newPage();
        // a code and state this browser never asked for (a login CSRF attempt)
        page.navigate(BASE + "/login/oauth2/code/corp?code=forged&state=forged");
        assertThat(page.url()).isEqualTo(BASE + "/login?sso-failed");
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("did not complete");
        page.navigate(BASE + "/incidents");
        assertThat(page.url()).startsWith(BASE + "/login");
    }

    @Test
    void signingOutAlsoSignsOutOfTheProvider() {
        Page page = signOn("irene");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        // through the provider's end-session endpoint and back
        page.waitForURL(url -> url.startsWith(BASE + "/login?"));
        assertThat(page.url()).isEqualTo(BASE + "/login?signed-out");
        page.navigate(BASE + "/incidents");
        assertThat(page.url()).startsWith(BASE + "/login");
        // the provider asks for the password again: its session ended too
        page.navigate(BASE + "/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with " + PROVIDER_NAME))
                .click();
        page.waitForURL(url -> url.startsWith(provider.issuer() + "/login"));
        assertThat(page.getByLabel("Password").isVisible()).isTrue();
    }

    @Test
    void thePagesAllowTheSignOutFormToRedirectToTheProviderOnly() {
        Api.Response login = new Api(BASE, null).get("/login");
        assertThat(login.header("Content-Security-Policy")).contains("form-action 'self' " + provider.issuer() + ";");
    }

    // --- helpers

    /** Signs in through the provider's own form as {@code login}; answers the Tandem page it lands on. */
    private Page signOn(String login) {
        Page page = throughProvider(login);
        page.waitForURL(url -> url.startsWith(BASE) && !url.contains("/login"));
        return page;
    }

    /** Signs in through the provider as {@code login}, whom Tandem refuses: answers its sign-in page. */
    private Page signOnRefused(String login) {
        return signOnRefusedAs(login, "sso-error");
    }

    private Page signOnRefusedAs(String login, String reason) {
        Page page = throughProvider(login);
        page.waitForURL(url -> url.startsWith(BASE + "/login?"));
        assertThat(page.url()).isEqualTo(BASE + "/login?" + reason);
        return page;
    }

    /** The issuers the account is bound to, as the administration page lists them. */
    private List<String> bindings(String username) {
        String html = admin.get("/admin/users").body();
        int row = html.indexOf("<td>" + username + "</td>");
        assertThat(row).as("row of " + username).isPositive();
        String rest = html.substring(row, html.indexOf("</tr>", row));
        int at = rest.indexOf("class=\"sign-on-issuers\">");
        if (at < 0) {
            return List.of();
        }
        String issuers = rest.substring(at + "class=\"sign-on-issuers\">".length(), rest.indexOf("</span>", at));
        return List.of(issuers.split(", "));
    }

    private Page signInAsAdministrator() {
        BrowserContext context = Browsers.context(browser);
        contexts.add(context);
        return Browsers.signIn(context, BASE, "admin", demo.passwords().get("admin"));
    }

    private Page throughProvider(String login) {
        BrowserContext context = Browsers.context(browser);
        contexts.add(context);
        Page page = context.newPage();
        page.navigate(BASE + "/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with " + PROVIDER_NAME))
                .click();
        page.waitForURL(url -> url.startsWith(provider.issuer() + "/login"));
        page.getByLabel("Username").fill(login);
        page.getByLabel("Password").fill(login + "-pw");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        return page;
    }

    private static String signedInAs(Page page) {
        return page.locator("header .who strong").innerText();
    }

    private static com.microsoft.playwright.Locator adminLink(Page page) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Administration"));
    }

    private void createUser(String username, String email) {
        String body = "{\"username\":\"" + username + "\",\"displayName\":\"" + username + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
        Api.Response created = admin.postJson("/api/v1/users", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static Person person(
            String login, String preferredUsername, String email, Boolean emailVerified, List<String> groups) {
        return new Person(login, login + "-pw", preferredUsername, email, emailVerified, groups);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
