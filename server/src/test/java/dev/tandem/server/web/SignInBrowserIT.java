package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.Role;
import org.junit.jupiter.api.Test;

/** Each role signs in with the form and finds the demo incident; signing out ends the session. */
class SignInBrowserIT extends BrowserContract {

    @Test
    void everyRoleSignsInAndFindsTheIncidentInTheirList() {
        for (Role role : Role.values()) {
            Page page = signIn(role);
            assertThat(page.url()).endsWith("/incidents");
            assertThat(page.getByRole(
                                    AriaRole.LINK,
                                    new Page.GetByRoleOptions()
                                            .setName(demo.incident().title()))
                            .count())
                    .as(role.name())
                    .isEqualTo(1);
            assertThat(page.locator("table").innerText()).as(role.name()).contains(role.name());
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndSigningOutEndsTheSession() {
        var context = Browsers.context(browser);
        Page page = context.newPage();
        page.navigate(base() + "/login");
        page.getByLabel("Username").fill(username(Role.AUDITOR));
        page.getByLabel("Password").fill("not the password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> url.contains("/login?error"));
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("not correct");
        context.close();

        Page in = signIn(Role.AUDITOR);
        in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        in.waitForURL(url -> url.contains("/login?signed-out"));
        in.navigate(base() + incidentPath());
        assertThat(in.url()).contains("/login");
    }
}
