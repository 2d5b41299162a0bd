package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The administrator creates a user, who issues themself a token (shown once; an administrator issues
 * none for another user); the administrator revokes it and disables the user; a user manages their
 * own tokens.
 */
class AdminBrowserIT extends BrowserContract {

    @Test
    void theAdministratorCreatesAUserWhoIssuesATokenTheAdministratorRevokes() throws Exception {
        String name = "browser-" + Long.toString(System.nanoTime(), 36);
        Page page = signIn(null);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Administration"))
                .click();
        page.getByLabel("Username").fill(name);
        page.getByLabel("Display name").fill("Browser Test");
        page.getByLabel("E-mail").fill(name + "@example.com");
        page.getByLabel("Password").fill("a long enough password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).first().innerText()).contains("User " + name + " created");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(name));
        assertThat(row.innerText()).contains("Browser Test").contains("active");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tokens of " + name))
                .click();
        // an administrator issues no token for another user: the page says who does
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue token"))
                        .count())
                .isZero();
        assertThat(page.locator("#issue-own-only").innerText()).contains("its own user only");

        // the user signs in and issues their own, shown once
        var theirs = Browsers.context(browser);
        Page own = Browsers.signIn(theirs, base(), name, "a long enough password");
        own.navigate(base() + "/account/tokens");
        own.getByLabel("Label").fill("browser cli");
        own.getByLabel("Expires").fill("2031-01-01T00:00");
        own.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue token"))
                .click();
        String token = own.getByLabel("New token").inputValue();
        assertThat(token).startsWith("tdm_");
        assertThat(own.locator("table").innerText()).contains("browser cli").contains("2031-01-01 00:00");
        assertThat(api(token)).isEqualTo(200);
        // shown once: a reload does not show it again
        own.reload();
        assertThat(own.getByLabel("New token").count()).isZero();
        theirs.close();

        // the administrator lists it and revokes it
        page.reload();
        assertThat(page.locator("table").innerText()).contains("browser cli").contains("2031-01-01 00:00");
        // "Revoke…" asks first (docs/web.md, "Actions that ask first"): leaving the question revokes nothing
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke browser cli…"))
                .click();
        assertThat(page.locator("#confirm-heading").innerText())
                .isEqualTo("Revoke " + name + "'s token \"browser cli\"?");
        assertThat(page.locator("#confirm").innerText())
                .contains("refused from now on")
                .contains("token.revoked");
        assertThat(api(token)).isEqualTo(200);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Keep it"))
                .click();
        assertThat(page.url()).endsWith("/admin/users/" + name + "/tokens");
        assertThat(api(token)).isEqualTo(200);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke browser cli…"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke browser cli"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).first().innerText()).contains("revoked");
        assertThat(page.locator("main").innerText()).contains("No active token.");
        assertThat(api(token)).isEqualTo(401);

        page.navigate(base() + "/admin/users");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Disable " + name + "…"))
                .click();
        assertThat(page.locator("#confirm-heading").innerText()).isEqualTo("Disable " + name + " (Browser Test)?");
        assertThat(page.locator("#confirm").innerText()).contains("signed out").contains("user.disabled");
        assertThat(Browsers.seriousViolations(page)).isEmpty();
        // a post without the confirmation (an older page, a forged form) is the question again
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        var unconfirmed = page.request()
                .post(
                        base() + "/admin/users/" + name + "/disable",
                        com.microsoft.playwright.options.RequestOptions.create()
                                .setForm(com.microsoft.playwright.options.FormData.create()
                                        .set("_csrf", csrf)));
        assertThat(unconfirmed.status()).isEqualTo(200);
        assertThat(unconfirmed.text()).contains("Disable " + name + " (Browser Test)?");
        page.navigate(base() + "/admin/users");
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(name))
                        .innerText())
                .contains("active");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Disable " + name + "…"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable " + name))
                .click();
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(name))
                        .innerText())
                .contains("disabled");
    }

    @Test
    void aBadUserIsRefusedWithAMessageNamingTheField() {
        Page page = signIn(null);
        page.navigate(base() + "/admin/users");
        page.getByLabel("Username").fill("Not Valid!");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("username");
        assertThat(page.getByLabel("Username").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void aUserManagesTheirOwnTokensFromTheAccountPage() throws Exception {
        Page page = signIn(Role.RESPONDER);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account"))
                .click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens"))
                .click();
        assertThat(page.url()).endsWith("/account/tokens");
        page.getByLabel("Label").fill("own laptop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue token"))
                .click();
        String token = page.getByLabel("New token").inputValue();
        assertThat(api(token)).isEqualTo(200);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke own laptop…"))
                .click();
        assertThat(page.locator("#confirm-heading").innerText()).isEqualTo("Revoke your token \"own laptop\"?");
        assertThat(api(token)).isEqualTo(200);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke own laptop"))
                .click();
        assertThat(page.url()).endsWith("/account/tokens");
        assertThat(api(token)).isEqualTo(401);
        // administration is not the responder's
        page.navigate(base() + "/admin/users");
        assertThat(page.locator("[data-problem]").getAttribute("data-problem"))
                .isEqualTo("urn:tandem:problem:forbidden");
    }

    private int api(String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create(base() + "/api/v1/incidents"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
