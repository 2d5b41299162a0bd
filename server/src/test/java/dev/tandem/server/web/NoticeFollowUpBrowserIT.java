package dev.tandem.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.Api;
import dev.tandem.server.access.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Counsel (LEGAL) records the Art. 33(4) follow-up of a GDPR notice sent incomplete on the obligations
 * page (docs/web.md; ADR 154): the notice's section lists the gaps owed and the time since the notice,
 * the form picks the evidence item as the status form does, and once recorded the section says when and
 * which ledger entry. An incident of its own, so that the demo's notice stays unsent for the other
 * browser tests.
 */
class NoticeFollowUpBrowserIT extends BrowserContract {

    /** An incident with people in Germany whose GDPR notice the administrator sent incomplete; its id. */
    private String sentIncomplete(Api admin) {
        String aware = Instant.now()
                .minus(Duration.ofHours(30))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        var opened = admin.postJson(
                "/api/v1/incidents",
                "{\"title\":\"Follow-up from the page\",\"severity\":\"HIGH\",\"awareAt\":\"" + aware
                        + "\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().path("id").asString();
        String i = "/api/v1/incidents/" + id;
        var member = admin.putJson(i + "/members/" + username(Role.LEGAL), "{\"role\":\"LEGAL\"}");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        var scope =
                admin.putJson(i + "/scope", "{\"subjects\":{\"DE\":1200},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(scope.status()).as(scope.body()).isEqualTo(200);
        var sent = admin.postJson(i + "/notices/gdpr-art33/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        return id;
    }

    @Test
    void counselSeesTheGapsOwedAndRecordsTheFollowUpAsSent() {
        Api admin = new Api(base(), demo.adminToken());
        String id = sentIncomplete(admin);
        var added = admin.postBytes(
                "/api/v1/incidents/" + id + "/evidence?repository=AUDIT&kind=DOCUMENT&name=art33-follow-up.md",
                "The likely consequences: none known so far.".getBytes(StandardCharsets.UTF_8));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String letter = added.json().path("id").asString();

        Page page = signIn(Role.LEGAL);
        page.navigate(base() + "/incidents/" + id + "/obligations");
        Locator followUp = page.locator("#follow-up");
        followUp.scrollIntoViewIfNeeded();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions()
                                .setName("Follow-up (GDPR Art. 33(4))")
                                .setExact(true)))
                .isVisible();
        assertThat(followUp).containsText("No deadline: the notice it completes was sent");
        assertThat(followUp).containsText(" ago");
        assertThat(followUp.locator("#follow-up-gaps li").allInnerTexts()).isNotEmpty();
        assertThat(Browsers.seriousViolations(page)).isEmpty();

        followUp.getByLabel("The follow-up as sent (evidence)").selectOption(letter);
        followUp.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record the follow-up as sent"))
                .click();
        page.waitForURL(url -> url.endsWith("/obligations#follow-up"));
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("follow-up")))
                .containsText("recorded as sent (ledger entry #");
        Locator recorded = page.locator("#follow-up-recorded");
        assertThat(recorded).containsText("Recorded: the follow-up was sent");
        assertThat(recorded).containsText("kept as evidence " + letter + " (ledger entry #");
        assertThat(recorded).containsText("the Art. 33(4) obligation is FILED");
        assertThat(page.locator("form[action$='/notices/gdpr-art33/follow-up']"))
                .hasCount(0);
        assertThat(Browsers.seriousViolations(page)).isEmpty();
    }
}
