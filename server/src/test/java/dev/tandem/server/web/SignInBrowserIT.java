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

    @org.springframework.beans.factory.annotation.Autowired
    dev.tandem.server.identity.Accounts accounts;

    @Test
    void aUserDisabledWhileSignedInIsSignedOutAtTheNextClick() {
        String name = "temp-" + Long.toString(System.nanoTime(), 36);
        accounts.createUser(name, "Temporary", "a long enough password", false, "admin");
        var context = Browsers.context(browser);
        Page page = Browsers.signIn(context, base(), name, "a long enough password");
        assertThat(page.url()).endsWith("/incidents");
        assertThat(accounts.disable(name, "admin"))
                .isInstanceOf(dev.tandem.server.identity.Accounts.Disabling.Disabled.class);
        page.navigate(base() + "/incidents");
        assertThat(page.url()).contains("/login?disabled");
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("disabled");
        context.close();
    }

    @Test
    void aUserChangesTheirPasswordAndSignsInWithTheNewOne() {
        String name = "pw-" + Long.toString(System.nanoTime(), 36);
        accounts.createUser(name, "Password changer", "the first password", false, "admin");
        var context = Browsers.context(browser);
        Page page = Browsers.signIn(context, base(), name, "the first password");
        page.navigate(base() + "/account/password");
        page.getByLabel("Current password").fill("not the first password");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
                .fill("the second password");
        page.getByLabel("New password, again").fill("the second password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("current password is not correct");
        page.getByLabel("Current password").fill("the first password");
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
                .fill("the second password");
        page.getByLabel("New password, again").fill("the second password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();
        assertThat(page.getByRole(AriaRole.STATUS).innerText()).contains("was changed");
        context.close();
        var again = Browsers.context(browser);
        assertThat(Browsers.signIn(again, base(), name, "the second password").url())
                .endsWith("/incidents");
        again.close();
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
