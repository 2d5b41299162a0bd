package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.tandem.server.access.Role;
import dev.tandem.server.identity.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The members page: a removal asks first, without script too (docs/web.md). */
class MembersBrowserIT extends BrowserContract {
    @Autowired
    Accounts accounts;

    private String freshUser() {
        String name = "member-" + Long.toString(System.nanoTime(), 36);
        assertThat(accounts.createUser(name, "A temporary member", null, false, "test"))
                .isTrue();
        return name;
    }

    private Page commanderWithoutScript() {
        var context = browser.newContext(
                new Browser.NewContextOptions().setJavaScriptEnabled(false).setTimezoneId("UTC"));
        String user = username(Role.INCIDENT_COMMANDER);
        return Browsers.signIn(context, base(), user, demo.passwords().get(user));
    }

    private static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void removingAMemberAsksFirstAndOnlyTheConfirmationRemoves() {
        String name = freshUser();
        Page page = commanderWithoutScript();
        page.navigate(base() + incidentPath() + "/members");
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("AUDITOR");
        button(page, "Save member").click();
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(page.locator("table").first().innerText()).contains(name);

        // "Remove…" leads to a question, and leaving it removes nothing
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Remove " + name + "…"))
                .click();
        page.waitForURL(url -> url.endsWith("/members/" + name + "/removal"));
        assertThat(page.locator("#remove-heading").innerText()).isEqualTo("Remove " + name + " from this incident?");
        assertThat(page.locator("#remove-member").innerText())
                .contains("AUDITOR")
                .contains("member.removed");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Keep them"))
                .click();
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(page.locator("table").first().innerText()).contains(name);

        // a post without the confirmation (an older page, a forged form) is the question again
        page.navigate(base() + incidentPath() + "/members/" + name + "/removal");
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        var unconfirmed = page.request()
                .post(
                        base() + incidentPath() + "/members/" + name + "/removal",
                        RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)));
        assertThat(unconfirmed.status()).isEqualTo(200);
        assertThat(unconfirmed.text()).contains("Remove " + name + " from this incident?");
        page.navigate(base() + incidentPath() + "/members");
        assertThat(page.locator("table").first().innerText()).contains(name);

        // the confirmation removes, and the page says so
        page.navigate(base() + incidentPath() + "/members/" + name + "/removal");
        button(page, "Remove " + name).click();
        page.waitForURL(url -> url.contains("/members?removed="));
        assertThat(page.locator("#member-removed").innerText()).isEqualTo(name + " was removed from this incident.");
        assertThat(page.locator("table").first().innerText()).doesNotContain(name);
        // the question passes the accessibility check (asked here of a member it leaves in place)
        Page checked = signIn(Role.INCIDENT_COMMANDER);
        checked.navigate(base() + incidentPath() + "/members/" + username(Role.AUDITOR) + "/removal");
        assertThat(Browsers.seriousViolations(checked)).isEmpty();
    }
}
