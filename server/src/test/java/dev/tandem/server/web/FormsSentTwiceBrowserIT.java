package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.tandem.server.access.Role;
import dev.tandem.server.identity.Accounts;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The forms that create something, sent twice with one form token (docs/web.md, "Forms sent
 * twice"): opening an incident, saving a member, uploading evidence. The back button and a second
 * submit, or the same post again, record nothing and lead to the first result.
 */
class FormsSentTwiceBrowserIT extends BrowserContract {
    @Autowired
    Accounts accounts;

    private static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A new person of the company, a member of nothing yet, signed in with the form. */
    private Page newcomer() {
        String name = "newcomer-" + Long.toString(System.nanoTime(), 36);
        String password = "a-long-enough-password-" + name;
        assertThat(accounts.createUser(name, "A newcomer", password, false, "test"))
                .isTrue();
        return Browsers.signIn(Browsers.context(browser), base(), name, password);
    }

    private static int occurrences(String text, String of) {
        return text.split(Pattern.quote(of), -1).length - 1;
    }

    @Test
    void anIncidentOpenedWithTheFormAndSentAgainAfterBackIsOpenedOnce() {
        Page page = newcomer();
        String title = "Browser test: opened twice " + System.nanoTime();
        page.navigate(base() + "/incidents");
        page.getByLabel("Title").fill(title);
        button(page, "Open incident").click();
        page.waitForURL(url -> url.matches(".*/incidents/[^/?#]+$"));
        String first = page.url().replaceAll("^.*/incidents/", "");

        page.goBack();
        page.waitForURL(url -> url.endsWith("/incidents"));
        page.getByLabel("Title").fill(title);
        button(page, "Open incident").click();
        page.waitForURL(url -> url.contains("sentTwice"));
        assertThat(page.url()).endsWith("/incidents/" + first + "?sentTwice=opened");
        assertThat(page.locator("#sent-twice").innerText())
                .contains("opened already")
                .contains("Nothing new was recorded");

        page.navigate(base() + "/incidents");
        assertThat(occurrences(page.locator("table").innerText(), title))
                .as("one incident of that title")
                .isOne();
        page.context().close();
    }

    @Test
    void theAuditorIsNotOfferedToOpenAnIncidentAndAPostIsRefused() {
        Page page = signIn(Role.AUDITOR);
        page.navigate(base() + "/incidents");
        assertThat(button(page, "Open incident").count()).isZero();
        assertThat(page.locator("main").innerText()).doesNotContain("Open an incident");
        String csrf = page.locator("meta[name=csrf-token]").getAttribute("content");
        var refused = page.request()
                .post(
                        base() + "/incidents",
                        RequestOptions.create()
                                .setHeader("X-CSRF-TOKEN", csrf)
                                .setForm(FormData.create()
                                        .set("title", "the auditor opens one")
                                        .set("severity", "LOW")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("auditor independence");
        // the commander is offered it
        Page commander = signIn(Role.INCIDENT_COMMANDER);
        commander.navigate(base() + "/incidents");
        assertThat(button(commander, "Open incident").count()).isOne();
    }

    /** Fills the members page's form with {@code name} as AUDITOR and sends it. */
    private static void saveAuditor(Page page, String name) {
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("AUDITOR");
        button(page, "Save member").click();
    }

    @Test
    void aMemberSavedAndSentAgainAfterBackIsRecordedOnce() {
        String name = "member-" + Long.toString(System.nanoTime(), 36);
        assertThat(accounts.createUser(name, "Temporary " + name, null, false, "test"))
                .isTrue();
        Page page = signIn(Role.INCIDENT_COMMANDER);
        page.navigate(base() + incidentPath() + "/members");
        saveAuditor(page, name);
        page.waitForURL(url -> url.endsWith("/members"));
        page.goBack();
        page.waitForURL(url -> url.endsWith("/members"));
        saveAuditor(page, name);
        page.waitForURL(url -> url.endsWith("/members?sentTwice"));
        assertThat(page.locator("#sent-twice").innerText()).contains("Nothing new was recorded");
        page.navigate(base() + incidentPath());
        page.getByLabel("Show").selectOption("every entry");
        assertThat(occurrences(page.locator("#timeline").innerText(), "added Temporary " + name + " as AUDITOR"))
                .as("one member.added")
                .isOne();
    }

    @Test
    void anUploadSentAgainWithItsTokenStoresNothingAndLeadsToTheFirstItem() {
        Page page = signIn(Role.INCIDENT_COMMANDER);
        page.navigate(base() + incidentPath() + "/evidence");
        String action = page.locator("form[data-upload]").getAttribute("action");
        String token = page.locator("form[data-upload] input[name=formToken]").inputValue();
        assertThat(token).as("the upload form's one-time token").isNotBlank();
        String name = "sent-twice-" + System.nanoTime() + ".log";
        byte[] content = "one file, however often sent\n".getBytes(StandardCharsets.UTF_8);
        java.util.function.Supplier<com.microsoft.playwright.APIResponse> send = () -> page.request()
                .post(
                        base() + action,
                        RequestOptions.create()
                                .setMaxRedirects(0)
                                .setMultipart(FormData.create()
                                        .set("formToken", token)
                                        .set("repository", "AUDIT")
                                        .set("kind", "LOG")
                                        .set("name", name)
                                        .set("file", new FilePayload(name, "text/plain", content))));
        var first = send.get();
        assertThat(first.status()).as(first.text()).isBetween(300, 399);
        String item =
                first.headers().get("location").replaceAll("^.*/evidence/", "").replaceAll("[?#].*$", "");
        var second = send.get();
        assertThat(second.status()).as(second.text()).isBetween(300, 399);
        assertThat(second.headers().get("location")).endsWith("/evidence/" + item + "?sentTwice");
        page.navigate(base() + "/evidence/" + item + "?sentTwice");
        assertThat(page.locator("#sent-twice").innerText()).contains("Nothing new was recorded");
        page.navigate(base() + incidentPath() + "/evidence");
        assertThat(occurrences(page.locator("main").innerText(), name))
                .as("one item of that name")
                .isOne();
    }
}
