package dev.tandem.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The auditor's portal in a browser (docs/web.md, tab "Audit"): an evidence request filed by the
 * auditor, answered by the audit liaison with AUDIT evidence (FORENSIC items are not offered) and
 * accepted; the export bag downloaded from the page and its checkpoint recorded as verified, a
 * tampered one refused; and the accessibility check on the page.
 */
class AuditorPortalBrowserIT extends BrowserContract {

    private Locator button(Locator in, String name) {
        return in.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name));
    }

    private Locator request(Page page, String text) {
        return page.locator("article.evidence-request", new Page.LocatorOptions().setHasText(text));
    }

    private Page portal(Role role) {
        Page page = signIn(role);
        page.navigate(base() + incidentPath() + "/audit");
        return page;
    }

    /** The back button and the request sent again: one request, the second post sent to it. */
    @Test
    void aRequestFiledTwiceIsRecordedOnce() {
        String text = "Badge access log of the incident's week " + System.nanoTime();
        Page auditor = portal(Role.AUDITOR);
        auditor.getByLabel("What do you ask for").fill(text);
        button(auditor.locator("main"), "File request").click();
        auditor.waitForURL(url -> url.contains("/audit#request-"));
        String first = auditor.url().replaceAll("^.*#", "");
        auditor.goBack();
        auditor.waitForURL(url -> !url.contains("#request-"));
        auditor.getByLabel("What do you ask for").fill(text);
        button(auditor.locator("main"), "File request").click();
        auditor.waitForURL(url -> url.contains("sentTwice"));
        assertThat(auditor.url()).endsWith("#" + first);
        assertThat(auditor.locator("#sent-twice")).containsText("Nothing new was recorded");
        assertThat(request(auditor, text)).hasCount(1);
    }

    @Test
    void theAuditorFilesARequestTheLiaisonAnswersWithAuditEvidenceAndTheAuditorAccepts() {
        String text = "Firewall change log of the week of the incident " + System.nanoTime();
        Page auditor = portal(Role.AUDITOR);
        assertThat(auditor.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Audit").setExact(true)))
                .hasAttribute("aria-current", "page");
        // the demo's requests: one answered, waiting for the auditor, one open
        assertThat(auditor.locator("article.evidence-request[data-status=ANSWERED]"))
                .not()
                .hasCount(0);
        assertThat(auditor.locator("article.evidence-request[data-status=OPEN]"))
                .not()
                .hasCount(0);
        auditor.getByLabel("What do you ask for").fill(text);
        auditor.getByLabel("Controls").fill("CC6.1");
        button(auditor.locator("main"), "File request").click();
        auditor.waitForURL(url -> url.contains("/audit#request-"));
        assertThat(request(auditor, text)).containsText("OPEN");
        assertThat(request(auditor, text)).containsText("controls CC6.1");
        // the auditor does not answer
        assertThat(button(request(auditor, text), "Answer with the chosen evidence"))
                .hasCount(0);

        Page liaison = portal(Role.AUDIT_LIAISON);
        Locator open = request(liaison, text);
        String offered = open.locator("fieldset").innerText();
        assertThat(offered).contains("access-review-policy.md");
        for (String word : DemoData.privilegedWords()) {
            assertThat(offered).as("FORENSIC items are not offered").doesNotContain(word);
        }
        // nothing chosen: refused at the form, naming the field
        button(open, "Answer with the chosen evidence").click();
        // the message beside that request, and the page's error summary linking to it
        Locator message = request(liaison, text).locator("p.problem");
        assertThat(message).containsText("evidence: link at least one");
        assertThat(liaison.getByRole(AriaRole.ALERT)).containsText("evidence: link at least one");
        assertThat(liaison.locator("#error-summary a")).hasAttribute("href", "#" + message.getAttribute("id"));
        open = request(liaison, text);
        open.getByLabel("access-review-policy.md").check();
        open.getByLabel("Note to the auditor").fill("The policy and its review record");
        button(open, "Answer with the chosen evidence").click();
        liaison.waitForURL(url -> url.contains("/audit#request-"));
        assertThat(request(liaison, text)).containsText("ANSWERED");

        auditor.reload();
        Locator answered = request(auditor, text);
        assertThat(answered).containsText("The policy and its review record");
        assertThat(answered.getByRole(
                        AriaRole.LINK, new Locator.GetByRoleOptions().setName("Download access-review-policy.md")))
                .hasCount(1);
        answered.getByLabel("Comment on accepting").fill("Complete");
        button(answered, "Accept").click();
        auditor.waitForURL(url -> url.contains("/audit#request-"));
        assertThat(request(auditor, text)).containsText("ACCEPTED");
        assertThat(button(request(auditor, text), "Reopen")).hasCount(0);
        // each step is on the timeline
        auditor.navigate(base() + incidentPath());
        assertThat(auditor.locator("main")).containsText("accepted the answer to evidence request");
    }

    @Test
    void theAuditorDownloadsTheBagAndRecordsItsCheckpointATamperedOneIsRefused() throws Exception {
        Page page = portal(Role.AUDITOR);
        assertThat(page.locator("#verified-size")).hasCount(0);
        Download download = page.waitForDownload(
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download export bag"))
                        .click());
        byte[] zip = Files.readAllBytes(download.path());
        List<String> names = new ArrayList<>();
        String note = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                if (e.getName().endsWith("/data/ledger/checkpoint")) {
                    note = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).anyMatch(n -> n.endsWith("/bagit.txt"));
        assertThat(note).isNotNull();
        String size = note.lines().toList().get(1);

        // one digit of the size changed: the signature no longer verifies
        String tampered = note.replaceFirst("\n" + size + "\n", "\n" + (Long.parseLong(size) - 1) + "\n");
        page.getByLabel("Signed checkpoint").fill(tampered);
        Response refused = page.waitForResponse(
                r -> r.url().endsWith("/verified-checkpoint"),
                () -> button(page.locator("main"), "Record checkpoint").click());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(page.locator("#checkpoint-error")).containsText("note: invalid signature");
        assertThat(page.locator("#verified-size")).hasCount(0);

        page.getByLabel("Signed checkpoint").fill(note);
        button(page.locator("main"), "Record checkpoint").click();
        page.waitForURL(url -> url.contains("/audit?verified"));
        assertThat(page.locator("#verified-size")).hasText(size);
        assertThat(page.locator("#verified-consistency")).containsText("consistent: tree size");
        assertThat(page.locator("#export-link")).hasAttribute("href", incidentPath() + "/export?since=" + size);
        assertThat(Browsers.seriousViolations(page)).isEmpty();
    }

    @Test
    void aReopenedRequestKeepsTheAnswerItHadAndTheReasonItWasReopened() {
        String text = "Badge logs of the week " + System.nanoTime();
        Page auditor = portal(Role.AUDITOR);
        // the command to verify the bag names the key the ledger page shows
        assertThat(auditor.locator("#verify-command")).containsText("tandem verify <bag.zip> --key '");
        String command = auditor.locator("#verify-command").innerText();
        auditor.getByLabel("What do you ask for").fill(text);
        button(auditor.locator("main"), "File request").click();
        auditor.waitForURL(url -> url.contains("/audit#request-"));

        Page liaison = portal(Role.AUDIT_LIAISON);
        // each item offered says what tells it apart from another of the same name
        assertThat(request(liaison, text).locator("fieldset label").first())
                .containsText(java.util.regex.Pattern.compile(
                        "SHA-256 [0-9a-f]{12}…, received \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "));
        request(liaison, text).getByLabel("access-review-policy.md").check();
        request(liaison, text).getByLabel("Note to the auditor").fill("The policy");
        button(request(liaison, text), "Answer with the chosen evidence").click();
        liaison.waitForURL(url -> url.contains("/audit#request-"));

        auditor.reload();
        request(auditor, text).getByLabel("What is still missing").fill("The review record too");
        button(request(auditor, text), "Reopen").click();
        auditor.waitForURL(url -> url.contains("/audit#request-"));
        Locator reopened = request(auditor, text);
        assertThat(reopened).containsText("OPEN");
        Locator history = reopened.locator("ol.request-history > li");
        assertThat(history).hasCount(2);
        assertThat(history.nth(0)).hasAttribute("data-step", "ANSWERED");
        assertThat(history.nth(0)).containsText("The policy");
        assertThat(history.nth(0)
                        .getByRole(
                                AriaRole.LINK,
                                new Locator.GetByRoleOptions().setName("Download access-review-policy.md")))
                .hasCount(1);
        assertThat(history.nth(1)).hasAttribute("data-step", "REOPENED");
        assertThat(history.nth(1)).containsText("The review record too");

        auditor.navigate(base() + "/ledger");
        assertThat(auditor.locator("#verifier-key"))
                .hasText(command.substring(command.indexOf("--key '") + 7, command.length() - 1));
    }

    @Test
    void errorPagesShowTheProblemsTitleAndTheSignedInNavigation() {
        Page page = signIn(Role.AUDITOR);
        record Case(String path, int status, String title) {}
        for (Case c : List.of(
                new Case("/changes/0194aaaaaaaaaaaaaaaaaaaaaaaaaaaa", 404, "change not found"),
                new Case(incidentPath() + "/changes/new", 403, "Forbidden"))) {
            Response r = page.navigate(base() + c.path());
            assertThat(r.status()).as(c.path()).isEqualTo(c.status());
            assertThat(page.locator("main h1")).hasText(c.title());
            assertThat(page.locator("main h1").innerText()).as(c.path()).doesNotContain("th:");
            assertThat(page.title()).as(c.path()).isEqualTo(c.title() + " · Tandem");
            // signed in: the navigation, and the brand leads to the incidents, not to the sign-in page
            assertThat(page.locator("header.top a.brand")).hasAttribute("href", "/incidents");
            assertThat(page.locator("header.top")).containsText("Signed in as " + username(Role.AUDITOR));
        }
    }

    @Test
    void theCommanderSeesTheRequestsButRecordsNoCheckpoint() {
        Page page = portal(Role.INCIDENT_COMMANDER);
        assertThat(page.locator("article.evidence-request")).not().hasCount(0);
        assertThat(page.getByLabel("Signed checkpoint")).hasCount(0);
        assertThat(page.getByLabel("What do you ask for")).hasCount(0);
        assertThat(Browsers.seriousViolations(page)).isEmpty();
    }
}
