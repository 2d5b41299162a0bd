package dev.tandem.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.tandem.server.Api;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoChange;
import dev.tandem.server.demo.DemoData;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The change-control pages in a browser (docs/web.md): the audit liaison imports the audit firm's
 * register (a faulty line named first); counsel opens a change from the over-permissioned
 * integration user's finding, the form pre-filled from its proposed containment and refused until
 * it names the business processes; the audit liaison and the incident commander approve, the
 * auditor acknowledges and is offered no approval (a forged one is refused); the commander records
 * the execution with the post-change metadata, the diff names the removed View All Data and the
 * finding is closed; the retest of the tested permission set appears with the fee estimate and its
 * CSV. And the requester is offered no approval of their own change, a forged one refused; only the
 * commander flags an emergency, which runs before its approvals and then shows them due. Every new
 * page passes axe-core.
 */
@TestPropertySource(properties = {"tandem.audit.fee=80000", "tandem.audit.currency=EUR"})
class ChangeControlBrowserIT extends BrowserContract {
    private static final String PERMSET = "PermissionSet:Integration_Full_Access";

    @BeforeAll
    void analysisFinished() throws InterruptedException {
        assertThat(demo.analysisJob()).as("the demo's leak analysis").isNotNull();
        JsonNode job = api(Role.INCIDENT_COMMANDER).awaitJob(demo.analysisJob());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    }

    private Api api(Role role) {
        return new Api(base(), demo.tokenOf(role));
    }

    private static void noSeriousViolation(Page page, String what) {
        assertThat(Browsers.seriousViolations(page)).as(what).isEmpty();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Counsel or the commander opens the integration user's "revoke View All Data" containment as a change. */
    private Page proposeFromTheFinding(Role role) {
        Page page = signIn(role);
        page.navigate(base() + incidentPath() + "/findings");
        Locator finding = page.locator("ol.findings > li")
                .filter(new Locator.FilterOptions().setHasText(DemoChange.INTEGRATION_USER))
                .filter(new Locator.FilterOptions().setHasText("OVERPERMISSIONED_INTEGRATION_SYNC"))
                .first();
        Locator containment = finding.locator("li")
                .filter(new Locator.FilterOptions().setHasText("REVOKE_PERMISSION"))
                .filter(new Locator.FilterOptions().setHasText("ViewAllData"))
                .first();
        containment
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Propose change"))
                .click();
        page.waitForURL(url -> url.contains("/changes/new"));
        return page;
    }

    /** Requests the pre-filled change, first without business processes (refused beside the field). */
    private String request(Page page) {
        assertThat(page.locator(".notice").innerText()).contains("Filled from the finding");
        assertThat(page.getByLabel("Kind").inputValue()).isEqualTo("ACCESS_RESTRICTION");
        // the finding rests on FORENSIC evidence: its words are shown for reference, not put in the
        // form (the request is public); the requester writes their own
        assertThat(page.getByLabel("Title").inputValue()).isEmpty();
        assertThat(page.getByLabel("Description").inputValue()).isEmpty();
        assertThat(page.getByLabel("Configuration items").inputValue()).isEmpty();
        assertThat(page.getByLabel("System", new Page.GetByLabelOptions().setExact(true))
                        .inputValue())
                .isEmpty();
        assertThat(page.locator("#proposed-words").textContent())
                .contains("Revoke View All Data")
                .contains(PERMSET);
        page.getByLabel("Configuration items").fill(PERMSET + "#ViewAllData");
        page.getByLabel("System", new Page.GetByLabelOptions().setExact(true)).fill("Salesforce production org");
        page.getByLabel("Title").fill("Revoke View All Data from the integration permission set");
        page.getByLabel("Description").fill("Containment cleared by counsel");
        page.getByLabel("Rollback plan").fill("Redeploy the pre-change permission set");
        assertThat((List<?>) page.locator("#c-preSnapshots")
                        .evaluate("s => Array.from(s.selectedOptions).map(o => o.textContent)"))
                .as("the finding's CONFIG_SNAPSHOT preselected")
                .isNotEmpty();
        noSeriousViolation(page, "the new-change form");
        button(page, "Request the change").click();
        Locator refused = page.locator("#err-businessProcesses");
        refused.waitFor();
        assertThat(refused.innerText()).startsWith("businessProcesses:");
        // the refusal is summarised at the top: the title says so, the summary has focus and links
        // to the field, far down the form
        assertThat(page.title()).startsWith("Error: ").contains("New change request");
        Locator summary = page.locator("main > #error-summary");
        assertThat(summary).isFocused();
        assertThat(summary).hasAttribute("role", "alert");
        assertThat(page.getByRole(AriaRole.ALERT)).hasCount(1);
        noSeriousViolation(page, "the refused new-change form");
        summary.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(refused.innerText()))
                .click();
        assertThat(page.getByLabel("Business processes it may break (access restriction)"))
                .isFocused();
        assertThat(page.getByLabel("Title").inputValue()).as("the draft kept").isNotBlank();
        noSeriousViolation(page, "the refused form");
        page.getByLabel("Business processes it may break (access restriction)").fill(DemoChange.SYNC);
        button(page, "Request the change").click();
        page.waitForURL(url -> url.contains("/changes/") && !url.contains("/changes/new"));
        assertThat(page.locator("#change-status").innerText()).isEqualTo("REQUESTED");
        String url = page.url();
        return url.substring(url.indexOf("/changes/") + "/changes/".length()).replaceAll("[?#].*$", "");
    }

    /** An approval posted without the page offering it: the session's cookie and the page's CSRF token. */
    private APIResponse forgeApproval(Page page, String change) {
        return forge(
                page, "/changes/" + change + "/approvals", FormData.create().set("decision", "APPROVE"));
    }

    /** A form the page does not offer, posted with the page's CSRF token. */
    private APIResponse forge(Page page, String path, FormData form) {
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        return page.request().post(base() + path, RequestOptions.create().setForm(form.set("_csrf", csrf)));
    }

    @Test
    void aChangeFromAFindingToItsRetest() throws Exception {
        // the audit liaison imports the register: a faulty line is named, then the right file
        Page liaison = signIn(Role.AUDIT_LIAISON);
        liaison.navigate(base() + incidentPath() + "/control-tests/import");
        noSeriousViolation(liaison, "the register import");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String header = "control,configItem,testedOn,tester,sample\n";
        liaison.locator("#r-file")
                .setInputFiles(new FilePayload(
                        "register.csv",
                        "text/csv",
                        (header + "CC6.3," + PERMSET + "," + today.minusDays(75) + ",Audrey Blake,25\nCC99.9,X,"
                                        + today.minusDays(70) + ",Audrey Blake,1\n")
                                .getBytes(StandardCharsets.UTF_8)));
        button(liaison, "Import").click();
        Locator importError = liaison.locator("#import-error");
        importError.waitFor();
        assertThat(importError.innerText()).contains("line 3");
        liaison.locator("#r-file")
                .setInputFiles(new FilePayload(
                        "register.csv",
                        "text/csv",
                        (header + "CC6.3," + PERMSET + "," + today.minusDays(75) + ",Audrey Blake,25 of 180\n")
                                .getBytes(StandardCharsets.UTF_8)));
        button(liaison, "Import").click();
        liaison.waitForURL(url -> url.contains("imported=1"));
        liaison.navigate(base() + incidentPath() + "/control-tests");
        assertThat(liaison.locator("#register").innerText()).contains("CC6.3").contains(PERMSET);
        noSeriousViolation(liaison, "the register");

        // counsel opens the change from the finding; a containment that is no number is refused naming it
        Page counsel = proposeFromTheFinding(Role.LEGAL);
        String proposal = counsel.url();
        assertThat(counsel.locator("#commander-requests").count())
                .as("counsel is no commander")
                .isZero();
        assertThat(counsel.getByLabel("Emergency change").isDisabled())
                .as("counsel flags no emergency")
                .isTrue();
        // the finding rests on the FORENSIC event logs: counsel is told the change is the auditor's to read
        assertThat(counsel.locator("#privileged-finding").innerText())
                .contains("rests on privileged (FORENSIC) evidence")
                .contains("the auditor included");
        APIResponse unreadable = counsel.request().get(proposal.replaceAll("containment=[^&#]*", "containment=x"));
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.text()).contains("containment:");
        String change = request(counsel);
        assertThat(button(counsel, "Approve").count())
                .as("counsel approves nothing")
                .isZero();
        counsel.navigate(base() + incidentPath() + "/changes");
        assertThat(counsel.locator("#changes").innerText()).contains("ACCESS_RESTRICTION");
        noSeriousViolation(counsel, "the change list");

        // the auditor acknowledges, and is offered no approval; a forged one is refused
        Page auditor = signIn(Role.AUDITOR);
        auditor.navigate(base() + "/changes/" + change);
        assertThat(button(auditor, "Approve").count()).isZero();
        assertThat(auditor.locator("#decision").count()).isZero();
        APIResponse forged = forgeApproval(auditor, change);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("auditor independence");
        auditor.getByLabel("Comment").fill("Noted; we will retest CC6.3");
        button(auditor, "Acknowledge").click();
        auditor.waitForURL(url -> url.endsWith("#steps"));
        auditor.locator("#steps", new Page.LocatorOptions().setHasText("acknowledged by"))
                .waitFor();
        assertThat(auditor.locator("#steps").innerText()).doesNotContain("(auditor)");
        // acknowledged once, the auditor is not offered it again; a forged second one is refused
        // (409) with the reason beside where the form was, nothing recorded
        assertThat(auditor.locator("#acknowledgement").count()).isZero();
        assertThat(button(auditor, "Acknowledge").count()).isZero();
        APIResponse twice = forge(
                auditor,
                "/changes/" + change + "/acknowledgements",
                FormData.create().set("comment", "Noted twice"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text()).contains("already acknowledged");

        // the audit liaison and the incident commander approve
        liaison.navigate(base() + "/changes/" + change);
        liaison.getByLabel("Comment").fill("CC6.3 was tested on this permission set");
        button(liaison, "Approve").click();
        liaison.locator("#steps", new Page.LocatorOptions().setHasText("approved as audit liaison"))
                .waitFor();
        assertThat(button(liaison, "Approve").count())
                .as("one decision per approver")
                .isZero();
        Page commander = signIn(Role.INCIDENT_COMMANDER);
        commander.navigate(base() + "/changes/" + change);
        assertThat(commander.locator("#not-ready").innerText()).contains("incident commander");
        button(commander, "Approve").click();
        commander
                .locator("#change-status", new Page.LocatorOptions().setHasText("APPROVED"))
                .waitFor();

        // the post-change metadata, filed after the request; the commander records the execution
        String post = postChangeSnapshot();
        commander.navigate(base() + "/changes/" + change);
        noSeriousViolation(commander, "the approved change");
        assertThat(commander.locator("#x-post-hint a").getAttribute("href")).endsWith(incidentPath() + "/evidence");
        // without a post-change snapshot: refused, the notes kept
        commander.getByLabel("Notes").fill("Deployed with sf project deploy start");
        button(commander, "Record the execution").click();
        Locator noPost = commander.locator("#err-execution");
        noPost.waitFor();
        assertThat(noPost.innerText()).startsWith("postSnapshots:");
        assertThat(commander.getByLabel("Notes").inputValue()).isEqualTo("Deployed with sf project deploy start");
        commander.getByLabel("Post-change snapshots").selectOption(post);
        button(commander, "Record the execution").click();
        commander
                .locator("#change-status", new Page.LocatorOptions().setHasText("EXECUTED"))
                .waitFor();
        assertThat(commander.url()).endsWith("#result");
        commander.locator("#result").waitFor();
        assertThat(commander.locator("#steps").innerText()).contains("closure verified by the analyzers (run by");
        assertThat(commander.locator("article.diff").allInnerTexts())
                .anySatisfy(d -> assertThat(d).contains("removed userPermissions ViewAllData"));
        assertThat(commander.locator("#verification").innerText()).contains("the finding is closed");
        // the findings page says the finding is closed, by which change, and that a change exists
        commander.navigate(base() + incidentPath() + "/findings");
        Locator closedBy = commander.locator("p.closed-by");
        assertThat(closedBy.count())
                .as(commander.locator("ol.findings").innerHTML())
                .isOne();
        assertThat(closedBy).containsText("Closed by change");
        assertThat(closedBy.locator("a").getAttribute("href")).endsWith("/changes/" + change);
        Locator closedFinding =
                commander.locator("ol.findings > li").filter(new Locator.FilterOptions().setHas(closedBy));
        assertThat(closedFinding.locator("h3 .badge.closed")).hasCount(1);
        assertThat(closedFinding.locator(".finding-changes")).containsText("EXECUTED");
        // one note for the finding, not one beside each of its proposed containments
        assertThat(closedFinding.locator(".exists")).hasCount(1);
        // the demo's own request and this test's executed change
        assertThat(closedFinding.locator(".exists")).containsText("Changes from this finding exist already:");
        assertThat(closedFinding.locator(".exists")).containsText("(EXECUTED)");
        noSeriousViolation(commander, "the findings with their changes");
        // the auditor reads that finding as its commitment only: neither its changes nor its closure
        auditor.navigate(base() + incidentPath() + "/findings");
        assertThat(auditor.locator("a[href='/changes/" + change + "']")).hasCount(0);
        assertThat(auditor.locator("p.closed-by")).hasCount(0);
        commander.navigate(base() + "/changes/" + change);
        assertThat(commander.locator("#open-risk").count()).isOne();
        // nothing is attested by default: the box comes unticked; none ticked is refused, the
        // comment kept and the box left unticked
        assertThat(commander.getByLabel(DemoChange.SYNC).isChecked()).isFalse();
        commander.getByLabel("How they were verified").fill("The nightly sync ran and copied only its fields");
        button(commander, "Record the processes verified").click();
        Locator unticked = commander.locator("#err-processes");
        unticked.waitFor();
        assertThat(unticked.innerText()).startsWith("processes:");
        assertThat(commander.getByLabel("How they were verified").inputValue())
                .isEqualTo("The nightly sync ran and copied only its fields");
        assertThat(commander.getByLabel(DemoChange.SYNC).isChecked()).isFalse();
        commander.getByLabel(DemoChange.SYNC).check();
        button(commander, "Record the processes verified").click();
        commander
                .locator("#steps", new Page.LocatorOptions().setHasText("business processes verified"))
                .waitFor();
        assertThat(commander.locator("#open-risk").count()).isZero();
        noSeriousViolation(commander, "the executed change");

        // the retest, with the fee, for the audit firm
        auditor.navigate(base() + incidentPath() + "/retests");
        String retests = auditor.locator("#retests").innerText();
        assertThat(retests).contains("CC6.3").contains(PERMSET);
        assertThat(auditor.locator("#retests caption").innerText())
                .matches("\\d+ retest items? \\(\\d+ control tests?, \\d+ changes?\\)");
        assertThat(auditor.locator("#fee").innerText())
                .contains("12,000.00")
                .contains("24,000.00")
                .contains("EUR");
        noSeriousViolation(auditor, "the retests");
        APIResponse csv = auditor.request().get(base() + incidentPath() + "/retests/download");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        assertThat(csv.text())
                .startsWith("control,configItem,testedOn,tester,change,changeTitle,executedAt,reason")
                .contains("CC6.3," + PERMSET);
        // the auditor reads the change, withholding nothing privileged
        auditor.navigate(base() + "/changes/" + change);
        for (String word : DemoData.privilegedWords()) {
            assertThat(auditor.content()).doesNotContain(word);
        }
    }

    @Test
    void theRequesterIsOfferedNoApprovalOfTheirOwnChange() {
        Page commander = proposeFromTheFinding(Role.INCIDENT_COMMANDER);
        // the demo's only commander is told before sending that their request needs another commander
        assertThat(commander.locator("#commander-requests").innerText())
                .contains("another incident commander's approval")
                .contains("no other incident commander")
                .contains("responder request");
        String change = request(commander);
        assertThat(commander.locator("#no-commander").innerText())
                .startsWith("This change cannot be approved")
                .contains("no other incident commander");
        assertThat(button(commander, "Approve").count()).isZero();
        assertThat(button(commander, "Reject").count()).isZero();
        assertThat(commander.locator("#no-decision").innerText()).contains("requested this change");
        noSeriousViolation(commander, "the requester's change");
        commander.navigate(base() + "/changes/" + change);
        // the acknowledgement is not offered either: it is the auditor's
        assertThat(commander.locator("#acknowledgement").count()).isZero();
        APIResponse forged = forgeApproval(commander, change);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("requested this change");
        commander.navigate(base() + "/changes/" + change);
        assertThat(commander.locator("#change-status").innerText()).isEqualTo("REQUESTED");
        assertThat(commander.locator("#steps").innerText()).doesNotContain("approved");
    }

    @Test
    void anEmergencyRunsBeforeItsApprovalsWhichAreThenDue() {
        // a responder may not flag an emergency: offered disabled; forged, refused beside the field, the draft kept
        Page responder = signIn(Role.RESPONDER);
        fillConfigurationChange(responder, "Rotate the integration user's token");
        Locator flag = responder.getByLabel("Emergency change");
        assertThat(flag.isDisabled()).as("offered disabled, with the reason").isTrue();
        assertThat(responder.locator("#c-emergency-hint").innerText()).contains("not you");
        // forged: the server still refuses it
        flag.evaluate("e => { e.disabled = false; }");
        flag.check();
        button(responder, "Request the change").click();
        Locator refused = responder.locator("#err-emergency");
        refused.waitFor();
        assertThat(refused.innerText()).contains("only the incident commander");
        assertThat(responder.getByLabel("Title").inputValue()).isEqualTo("Rotate the integration user's token");

        // the commander's emergency change is offered execution at once; its approvals are then due
        Page commander = signIn(Role.INCIDENT_COMMANDER);
        fillConfigurationChange(commander, "Emergency: block the sandbox sync");
        commander.getByLabel("Emergency change").check();
        button(commander, "Request the change").click();
        commander.waitForURL(url -> url.contains("/changes/") && !url.contains("/changes/new"));
        assertThat(commander.locator(".badge.urgent").innerText()).isEqualTo("emergency");
        String post = snapshot("Integration_Sync.permissionset-meta.xml");
        commander.reload();
        commander.getByLabel("Post-change snapshots").selectOption(post);
        button(commander, "Record the execution").click();
        commander
                .locator("#change-status", new Page.LocatorOptions().setHasText("EXECUTED"))
                .waitFor();
        assertThat(commander.locator("#emergency").innerText())
                .contains("both are due by")
                .contains("CC8.1");
        assertThat(commander.locator("article.diff").count()).isOne();
        noSeriousViolation(commander, "the executed emergency change");
    }

    /**
     * The form sent twice with the same one-time token (the back button and a second submit): one
     * change; the second post records nothing and is sent to the first one's change.
     */
    @Test
    void aChangeRequestSentTwiceIsRecordedOnce() {
        Page responder = signIn(Role.RESPONDER);
        String title = "Narrow the sync user's profile (sent twice)";
        fillConfigurationChange(responder, title);
        responder.getByLabel("Description").fill("One change, however often the form is sent");
        String action = responder.locator("#new-change").getAttribute("action");
        String token = responder.locator("#new-change input[name=formToken]").inputValue();
        assertThat(token).as("the form's one-time token").isNotBlank();
        @SuppressWarnings("unchecked")
        List<List<String>> fields = (List<List<String>>)
                responder.locator("#new-change").evaluate("f => Array.from(new FormData(f).entries())");
        button(responder, "Request the change").click();
        responder.waitForURL(url -> url.contains("/changes/") && !url.contains("/changes/new"));
        String first = responder.url().replaceAll("^.*/changes/", "").replaceAll("[?#].*$", "");

        FormData again = FormData.create();
        fields.forEach(f -> again.append(f.get(0), f.get(1)));
        APIResponse second = responder
                .request()
                .post(base() + action, RequestOptions.create().setForm(again).setMaxRedirects(0));
        assertThat(second.status()).as(second.text()).isBetween(300, 399);
        assertThat(second.headers().get("location"))
                .contains("/changes/" + first)
                .contains("sentTwice");
        responder.navigate(base() + second.headers().get("location").replaceAll("^https?://[^/]+", ""));
        assertThat(responder.locator("#sent-twice").innerText()).contains("Nothing new was recorded");

        // the back button to the form and a second submit: sent to the same change
        responder.goBack();
        responder.goBack();
        responder.waitForURL(url -> url.contains("/changes/new"));
        button(responder, "Request the change").click();
        responder.waitForURL(url -> url.contains("/changes/") && !url.contains("/changes/new"));
        assertThat(responder.url()).contains("/changes/" + first).contains("sentTwice");

        responder.navigate(base() + incidentPath() + "/changes");
        assertThat(responder.locator("#changes").innerText().split(java.util.regex.Pattern.quote(title), -1))
                .as("one change of that title")
                .hasSize(2);
    }

    /** The new-change form filled by hand: a configuration change of the sample permission set. */
    private void fillConfigurationChange(Page page, String title) {
        page.navigate(base() + incidentPath() + "/changes/new");
        page.getByLabel("Title").fill(title);
        page.getByLabel("System", new Page.GetByLabelOptions().setExact(true)).fill("Salesforce production org");
        page.getByLabel("Kind").selectOption("CONFIGURATION");
        page.getByLabel("Configuration items").fill("PermissionSet:Integration_Sync");
        String pre = page.locator("#c-preSnapshots option")
                .filter(new Locator.FilterOptions().setHasText("Integration_Sync.permissionset-meta.xml"))
                .first()
                .getAttribute("value");
        page.getByLabel("Pre-change snapshots").selectOption(pre);
        page.getByLabel("Rollback plan").fill("Redeploy the pre-change permission set");
    }

    /** A CONFIG_SNAPSHOT filed now as AUDIT evidence by the commander. */
    private String snapshot(String name) {
        Api.Response added = api(Role.INCIDENT_COMMANDER)
                .postBytes(
                        "/api/v1/incidents/" + demo.incident().id()
                                + "/evidence?repository=AUDIT&kind=CONFIG_SNAPSHOT&name=" + name,
                        ("<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>After "
                                        + System.nanoTime() + "</label></PermissionSet>")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().path("id").asString();
    }

    /** The demo org's metadata without View All Data on the integration permission set, filed as AUDIT evidence. */
    private String postChangeSnapshot() throws Exception {
        Api ic = api(Role.INCIDENT_COMMANDER);
        String incident = demo.incident().id();
        List<String> metadata = new ArrayList<>();
        for (JsonNode e : ic.get("/api/v1/incidents/" + incident + "/evidence").json()) {
            if (e.path("name").asString("").equals("metadata.zip")
                    && e.path("kind").asString("").equals("CONFIG_SNAPSHOT")) {
                metadata.add(e.path("id").asString());
            }
        }
        assertThat(metadata).isNotEmpty();
        byte[] before = ic.getBytes("/api/v1/evidence/" + metadata.getFirst() + "/content")
                .body();
        Api.Response added = ic.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=CONFIG_SNAPSHOT&name=metadata.zip",
                DemoChange.withoutViewAllData(before));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().path("id").asString();
    }
}
