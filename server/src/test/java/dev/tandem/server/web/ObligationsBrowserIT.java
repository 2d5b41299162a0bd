package dev.tandem.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The obligations page: the commander changes an obligation's status in place (htmx) and finds the
 * change on the timeline, then reopens it with a plain form and no script; the auditor reads each
 * obligation's status and deadline, and finds no form.
 */
class ObligationsBrowserIT extends BrowserContract {

    @Test
    void counselChangesAStatusInPlaceAndSeesItOnTheTimeline() {
        // NOT_REQUIRED sets a notice aside: counsel's alone (docs/access.md)
        Page page = signIn(Role.LEGAL);
        page.navigate(base() + incidentPath() + "/obligations");
        // each clock's time is told in the incident's zone, never as a bare UTC time
        List<String> clocks =
                page.locator("article.obligation dt:text-is('Clock') + dd").allInnerTexts();
        assertThat(clocks).isNotEmpty().anyMatch(c -> c.contains("(UTC+01:00)"));
        assertThat(clocks).noneMatch(c -> c.matches("(?s).*\\d\\dT\\d\\d:\\d\\d.*"));
        Locator article = page.locator("article.obligation")
                .filter(new Locator.FilterOptions().setHas(page.locator("details.forms")))
                .filter(new Locator.FilterOptions().setHasText("PENDING"))
                .first();
        String id = article.getAttribute("id");
        String title = article.locator("h3").innerText();
        article.locator("summary").click();
        article.getByLabel("New status").selectOption("NOT_REQUIRED");
        article.getByLabel("Justification (for NOT_REQUIRED)")
                .fill("Below the threshold: set aside by the browser test");
        article.getByLabel("The justification is privileged").uncheck();
        article.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change status"))
                .click();
        // htmx swapped the obligation in place: the same page, its badge changed
        Locator swapped = page.locator("#" + id);
        swapped.locator(".badge", new Locator.LocatorOptions().setHasText("NOT_REQUIRED"))
                .waitFor();
        assertThat(page.url()).endsWith("/obligations");
        assertThat(swapped.innerText()).contains("Below the threshold: set aside by the browser test");

        page.navigate(base() + incidentPath() + "?kind=obligation.status-changed");
        assertThat(page.locator("#timeline").innerText())
                .contains("outside counsel changed obligation")
                .contains("to NOT_REQUIRED");

        // without JavaScript: the plain form posts and redirects back (PRG)
        BrowserContext noScript = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
        try {
            Page plain = Browsers.signIn(
                    noScript,
                    base(),
                    username(Role.INCIDENT_COMMANDER),
                    demo.passwords().get(username(Role.INCIDENT_COMMANDER)));
            plain.navigate(base() + incidentPath() + "/obligations");
            Locator again = plain.locator("#" + id);
            again.locator("summary").click();
            again.getByLabel("New status").selectOption("PENDING");
            again.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change status"))
                    .click();
            plain.waitForLoadState();
            assertThat(plain.url()).contains("/obligations");
            assertThat(plain.locator("#" + id + " .badge").innerText()).isEqualTo("PENDING");
            assertThat(plain.locator("#" + id + " h3").innerText()).isEqualTo(title);
        } finally {
            noScript.close();
        }
    }

    @Test
    void aRefusedStatusChangeShowsTheMessageBesideTheForm() {
        Locator alert = refusedStatus(Role.LEGAL, "FILED", false);
        Page page = alert.page();
        String id = alert.locator("xpath=ancestor::article").getAttribute("id");
        assertThat(alert.innerText()).contains("evidence");
        assertThat(page.locator("#" + id + " .badge").innerText()).isEqualTo("PENDING");
        // the button that had focus went with the old fragment: focus is on the message, in view
        assertThat(alert).isFocused();
        assertThat(alert).isInViewport();
    }

    /**
     * Sends a PENDING obligation's status form (the first or the last on the page) with {@code
     * status} and nothing else; the message swapped in with the obligation, once it shows.
     */
    private Locator refusedStatus(Role role, String status, boolean last) {
        Page page = signIn(role);
        page.navigate(base() + incidentPath() + "/obligations");
        Locator pending = page.locator("article.obligation")
                .filter(new Locator.FilterOptions().setHas(page.locator("details.forms")))
                .filter(new Locator.FilterOptions().setHasText("PENDING"));
        Locator article = last ? pending.last() : pending.first();
        String id = article.getAttribute("id");
        article.locator("summary").click();
        article.getByLabel("New status").selectOption(status);
        article.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change status"))
                .click();
        Locator alert = page.locator("#" + id).getByRole(AriaRole.ALERT);
        alert.waitFor();
        return alert;
    }

    /** The reviewer's case: NOT_REQUIRED without a justification; the message is focused, not 900 px above. */
    @Test
    void aStatusRefusedForItsJustificationMovesFocusToTheMessage() {
        Locator alert = refusedStatus(Role.LEGAL, "NOT_REQUIRED", true);
        Page page = alert.page();
        assertThat(alert.innerText()).contains("justification");
        assertThat(alert).isFocused();
        assertThat(alert).isInViewport();
        assertThat(page.title()).as("an htmx swap is not a page: no summary").doesNotStartWith("Error: ");
        assertThat(Browsers.seriousViolations(page))
                .as("the obligations page after a refused status change")
                .isEmpty();
    }

    /**
     * Filing says when the notice was sent, in the incident's zone (docs/obligations-api.md): a time
     * before the incident's awareness is refused beside the form; the obligation shows the time given,
     * not the time it was recorded.
     */
    @Test
    void counselFilesANoticeWithTheTimeItWasSent() {
        Page page = signIn(Role.LEGAL);
        page.navigate(base() + incidentPath() + "/obligations");
        Locator article = page.locator("article.obligation")
                .filter(new Locator.FilterOptions().setHas(page.locator("details.forms")))
                .filter(new Locator.FilterOptions().setHasText("PENDING"))
                .last();
        String id = article.getAttribute("id");
        article.locator("summary").click();
        article.getByLabel("New status").selectOption("FILED");
        Locator evidence = article.getByLabel("Filing evidence (for FILED)");
        evidence.selectOption(evidence.locator("option").nth(1).getAttribute("value"));
        article.getByLabel("Sent at (for FILED, optional)").fill("2000-01-01T00:00");
        article.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change status"))
                .click();
        Locator alert = page.locator("#" + id).getByRole(AriaRole.ALERT);
        alert.waitFor();
        assertThat(alert.innerText()).contains("sentAt").contains("before the incident's awareness");
        assertThat(page.locator("#" + id + " .badge").innerText()).isEqualTo("PENDING");

        java.time.ZonedDateTime sent = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Berlin"))
                .minusHours(1)
                .withSecond(0)
                .withNano(0);
        page.navigate(base() + incidentPath() + "/obligations");
        Locator again = page.locator("#" + id);
        again.locator("summary").click();
        again.getByLabel("New status").selectOption("FILED");
        Locator items = again.getByLabel("Filing evidence (for FILED)");
        items.selectOption(items.locator("option").nth(1).getAttribute("value"));
        again.getByLabel("Sent at (for FILED, optional)")
                .fill(sent.toLocalDateTime().toString());
        again.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change status"))
                .click();
        Locator filed = page.locator("#" + id);
        filed.locator(".badge", new Locator.LocatorOptions().setHasText("FILED"))
                .waitFor();
        Locator dd = filed.locator("dt:text-is('Sent') + dd time");
        assertThat(dd.getAttribute("datetime")).isEqualTo(sent.toInstant().toString());
    }

    /**
     * Counsel and the commander edit the notice at once: the second to save is told that it changed,
     * nothing of theirs is stored over counsel's version, their text is kept in the form, and saving
     * again stores it as the next version (the form names the text it was opened on, as If-Match does).
     */
    @Test
    void aNoticeSavedWhileAnotherEditedItIsNotOverwrittenAndTheirTextIsKept() {
        Page counsel = signIn(Role.LEGAL);
        Page commander = signIn(Role.INCIDENT_COMMANDER);
        counsel.navigate(base() + incidentPath() + "/obligations");
        commander.navigate(base() + incidentPath() + "/obligations");
        // each adds a line; the gaps stay ("[to be completed: …]"), which other tests read
        Locator mine = counsel.locator("#n-text");
        mine.fill(mine.inputValue() + "\nCounsel's note.\n");
        Locator theirs = commander.locator("#n-text");
        theirs.fill(theirs.inputValue() + "\nThe commander's note.\n");
        Locator.ClickOptions click = new Locator.ClickOptions();
        // the GDPR notice's own button: the demo's UK customers give the page the UK notice's section too
        gdprSection(counsel)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save as a new version"))
                .click(click);
        counsel.locator("p.notice[role=status]").waitFor();
        gdprSection(commander)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save as a new version"))
                .click(click);
        Locator refused = commander.locator("#notice-error");
        refused.waitFor();
        assertThat(refused.innerText()).contains("changed while you edited it").contains("nothing was saved");
        assertThat(commander.locator("#n-text").inputValue())
                .contains("The commander's note.")
                .doesNotContain("Counsel's note.");
        gdprSection(commander)
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save as a new version"))
                .click(click);
        commander.locator("p.notice[role=status]").waitFor();
        assertThat(commander.locator("#n-text").inputValue()).contains("The commander's note.");
        counsel.navigate(base() + incidentPath() + "/obligations");
        assertThat(counsel.locator("#n-text").inputValue())
                .contains("The commander's note.")
                .doesNotContain("Counsel's note.");
    }

    /** The GDPR Art. 33 notice's section of the obligations page (the UK notice's is {@code uk-notice}). */
    private static Locator gdprSection(Page page) {
        return page.locator("section[aria-labelledby='notice']");
    }

    /**
     * The "Mark sent" form lists what the notice still lacks (its "[to be completed: …]" gaps) and
     * refuses to send it so unless the sender ticks the box that confirms it; refused, nothing is sent.
     */
    @Test
    void anIncompleteNoticeIsNotMarkedSentUnlessTheSenderConfirmsIt() {
        Page page = signIn(Role.LEGAL);
        page.navigate(base() + incidentPath() + "/obligations");
        Locator form = page.locator("form[action$='/notices/gdpr-art33/sent']");
        assertThat(form.locator("#n-gaps li").allInnerTexts()).contains("likely consequences");
        assertThat(form.getByLabel("Send it incomplete").isChecked()).isFalse();
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark sent"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator("#send-error").innerText())
                .contains("gap")
                .contains("likely consequences")
                .contains("incomplete");
        // still a draft that can be sent
        assertThat(page.locator("form[action$='/notices/gdpr-art33/sent']").count())
                .isEqualTo(1);
    }

    /**
     * The incident's facts that move legal clocks (docs/obligations-api.md "Incident facts"): counsel
     * sets when the breach was determined, in the incident's zone, and that unauthorized access caused
     * it; a determination before awareness is refused beside the form; each change is on the timeline.
     */
    @Test
    void counselSetsTheIncidentsFactsWithThePlainFormAndFindsThemOnTheTimeline() {
        Page page = signIn(Role.LEGAL);
        setFacts(page, "2000-01-01T00:00", false);
        assertThat(page.locator("#facts-error").innerText())
                .contains("determinedAt")
                .contains("before the incident's awareness");
        assertThat(page.locator("#f-determined").getAttribute("aria-invalid")).isEqualTo("true");

        String determined = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Berlin"))
                .minusHours(1)
                .withSecond(0)
                .withNano(0)
                .toLocalDateTime()
                .toString();
        setFacts(page, determined, true);
        assertThat(page.url()).endsWith("/obligations#facts");
        assertThat(page.locator("section[aria-labelledby='facts']").innerText())
                .contains(determined.replace('T', ' '))
                .contains("unauthorized access: yes")
                .contains("Set by");
        assertThat(page.locator("#f-determined").inputValue()).isEqualTo(determined);
        assertThat(page.locator("#f-unauthorized").isChecked()).isTrue();
        assertThat(page.locator("main").innerText()).contains("--unauthorized-access --determined");

        page.navigate(base() + incidentPath() + "?kind=incident.facts-set");
        assertThat(page.locator("#timeline").innerText())
                .contains("set the incident's facts: breach determined at")
                .contains("caused by an outsider's unauthorized access");

        // back to the defaults: not determined, not caused by unauthorized access
        setFacts(page, "", false);
        assertThat(page.locator("section[aria-labelledby='facts']").innerText())
                .contains("not yet; clocks that run from the determination run from awareness")
                .contains("unauthorized access: no");
    }

    /**
     * A judgement made before it is recorded (a committee's decision, the time of an extortion
     * payment) carries its own time, in the incident's zone; a time in the future is refused beside
     * the form, with the draft kept.
     */
    @Test
    void counselRecordsAJudgementWithTheTimeItWasMade() {
        Page page = signIn(Role.LEGAL);
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Berlin"));
        judge(page, "RISK", "the cards were readable", now.plusDays(1));
        assertThat(page.locator("#judgement-error").innerText())
                .contains("decidedAt")
                .contains("in the future");
        assertThat(page.locator("#j-reason").inputValue()).isEqualTo("the cards were readable");

        java.time.ZonedDateTime earlier = now.minusHours(2).withSecond(0).withNano(0);
        judge(page, "RISK", "the cards were readable", earlier);
        assertThat(page.url()).endsWith("/obligations#judgements");
        Locator row = page.locator("section[aria-labelledby='judgements'] tbody tr")
                .filter(new Locator.FilterOptions().setHasText("the cards were readable"))
                .last();
        assertThat(row.locator("time").getAttribute("datetime"))
                .isEqualTo(earlier.toInstant().toString());
    }

    /**
     * The scope (docs/obligations-api.md "Scope"): the commander finds the form prefilled with the
     * scope in force; a negative count is refused beside the field, with what was typed and the
     * categories ticked kept; the scope sent again is recorded as the commander's.
     */
    @Test
    void theCommanderCorrectsTheScopeWithTheForm() {
        Page page = signIn(Role.INCIDENT_COMMANDER);
        page.navigate(base() + incidentPath() + "/obligations");
        String inForce = page.locator("#s-subjects").inputValue();
        assertThat(inForce).contains("=");
        List<String> ticked = ticked(page);
        assertThat(ticked).isNotEmpty();

        sendScope(page, "DE=-5");
        assertThat(page.locator("#s-subjects-error").innerText())
                .contains("subjects")
                .contains("-5");
        assertThat(page.locator("#s-subjects").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.locator("#s-subjects").inputValue()).isEqualTo("DE=-5");
        assertThat(ticked(page)).isEqualTo(ticked);

        sendScope(page, inForce);
        assertThat(page.url()).endsWith("/obligations#scope-heading");
        assertThat(page.locator("#scope-set").innerText()).startsWith("Set by " + username(Role.INCIDENT_COMMANDER));
        assertThat(page.locator("#s-subjects").inputValue()).isEqualTo(inForce);
    }

    /** The data categories ticked in the scope form. */
    private static List<String> ticked(Page page) {
        Locator boxes = page.locator("form[action$='/scope'] input[name='data']:checked");
        List<String> values = new ArrayList<>();
        for (int n = 0; n < boxes.count(); n++) {
            values.add(boxes.nth(n).getAttribute("value"));
        }
        return values;
    }

    /** Fills the people of the scope form and sends it as it is otherwise, and waits for the answer. */
    private void sendScope(Page page, String subjects) {
        Locator form = page.locator("form[action$='/scope']");
        form.getByLabel("People affected per jurisdiction").fill(subjects);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set scope and recompute"))
                .click();
        page.waitForLoadState();
    }

    /** Fills and sends the judgement form of the obligations page, and waits for the answer. */
    private void judge(Page page, String question, String reason, java.time.ZonedDateTime decidedAt) {
        page.navigate(base() + incidentPath() + "/obligations");
        Locator form = page.locator("form[action$='/judgements']");
        form.locator("#j-question").selectOption(question);
        form.locator("#j-answer").selectOption("YES");
        form.getByLabel("Decided at (optional)")
                .fill(decidedAt.toLocalDateTime().withNano(0).toString());
        form.locator("#j-reason").fill(reason);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record judgement"))
                .click();
        page.waitForLoadState();
    }

    /** Fills and sends the facts form of the obligations page, and waits for the answer. */
    private void setFacts(Page page, String determinedAt, boolean unauthorizedAccess) {
        page.navigate(base() + incidentPath() + "/obligations");
        Locator form = page.locator("form[action$='/facts']");
        form.getByLabel("Breach determined at").fill(determinedAt);
        form.locator("#f-unauthorized").setChecked(unauthorizedAccess);
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set facts and recompute"))
                .click();
        page.waitForLoadState();
    }

    @Test
    void theAuditorSeesStatusAndDeadlinesOnlyAndNoForm() {
        Page page = signIn(Role.AUDITOR);
        page.navigate(base() + incidentPath() + "/obligations");
        Locator articles = page.locator("article.obligation");
        assertThat(articles.count()).isPositive();
        assertThat(articles.first().locator(".badge").innerText()).isNotBlank();
        assertThat(page.locator("main form").count()).isZero();
        assertThat(page.locator("main details").count()).isZero();
        String text = page.locator("main").innerText();
        assertThat(page.locator("main article dt").allInnerTexts())
                .contains("Due", "Citation", "Requirement")
                .doesNotContain("Owner", "Rule", "Clock", "Confidence", "Justification", "Filing evidence");
        assertThat(text).doesNotContain("Judgements").doesNotContain("Art. 33(3) notice");
        assertThat(text).doesNotContain("Scope they were computed from").doesNotContain("How the breach happened");
        for (String word : DemoData.privilegedWords()) {
            assertThat(page.content()).doesNotContain(word);
        }
    }
}
