package dev.tandem.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The evidence, findings and jobs pages in a browser (docs/web.md): an upload streamed to the vault
 * and downloaded back byte for byte, with and without JavaScript; what the auditor sees of
 * privileged items; a leak analysis watched to its end; and the accessibility check on each page.
 */
class EvidenceBrowserIT extends BrowserContract {

    /** Bytes that a careless multipart reader would cut: CR LF and dashes, and every byte value. */
    private static byte[] sample(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        byte[] trap = "\r\n------WebKitFormBoundary\r\n--".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + trap.length < size; at += 4099) {
            System.arraycopy(trap, 0, b, at, trap.length);
        }
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The form field labelled exactly so (the page's sections are labelled too). */
    private static Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
    }

    /** Fills and sends the upload form; answers the evidence page it leads to. */
    private void upload(Page page, String name, byte[] content) {
        page.navigate(base() + incidentPath() + "/evidence");
        field(page, "Repository").selectOption("AUDIT");
        field(page, "Kind").selectOption("LOG");
        field(page, "Source").fill("Browser test, exported by hand");
        field(page, "Collected at").fill("2026-11-25T14:30");
        field(page, "File").setInputFiles(new FilePayload(name, "application/octet-stream", content));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        page.waitForURL(url -> url.contains("/evidence/") && url.contains("added"));
    }

    @Test
    void theCommanderUploadsAnAuditFileAndDownloadsItBackByteForByte() throws Exception {
        Page page = signIn(Role.INCIDENT_COMMANDER);
        byte[] content = sample(3 * 1024 * 1024 + 11, 7);
        upload(page, "bulk-api-export.log", content);
        assertThat(page.locator("#sha256").innerText()).isEqualTo(sha256(content));
        assertThat(page.locator("main").innerText())
                .contains("bulk-api-export.log")
                .contains(String.format(java.util.Locale.ROOT, "%,d bytes", content.length))
                .contains("Browser test, exported by hand")
                .contains("2026-11-25 14:30");
        Download download = page.waitForDownload(
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download bulk-api-export.log"))
                        .click());
        assertThat(Files.readAllBytes(download.path())).isEqualTo(content);
        // the read is on the item's custody history, after its addition
        page.reload();
        assertThat(page.locator("#custody li")).hasCount(2);
        assertThat(page.locator("#custody li").nth(0)).containsText("evidence.added");
        assertThat(page.locator("#custody li").nth(1)).containsText("evidence.read");
        assertThat(page.locator("#custody li").nth(1)).containsText(username(Role.INCIDENT_COMMANDER));
    }

    @Test
    void theUploadFormWorksWithoutJavaScript() throws Exception {
        BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setJavaScriptEnabled(false).setTimezoneId("UTC"));
        try {
            String user = username(Role.RESPONDER);
            Page page = Browsers.signIn(context, base(), user, demo.passwords().get(user));
            byte[] content = sample(200_000, 11);
            upload(page, "no-script.bin", content);
            assertThat(page.locator("#sha256").innerText()).isEqualTo(sha256(content));
            // a form error is the form again, with the message naming the field, the fields kept
            page.navigate(base() + incidentPath() + "/evidence");
            field(page, "Source").fill("kept after the error");
            field(page, "Name").fill("archive.zip!/inner.csv");
            field(page, "File").setInputFiles(new FilePayload("x.txt", "text/plain", new byte[] {'x'}));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                    .click();
            page.waitForLoadState();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("name must not contain");
            assertThat(field(page, "Source")).hasValue("kept after the error");
        } finally {
            context.close();
        }
    }

    @Test
    void aFormErrorWithJavaScriptShowsTheMessageInThePage() {
        Page page = signIn(Role.AUDIT_LIAISON);
        page.navigate(base() + incidentPath() + "/evidence");
        // the liaison may add AUDIT evidence only: the form offers no other repository
        assertThat(field(page, "Repository").locator("option")).hasCount(1);
        field(page, "Name").fill("bad!/name.txt");
        field(page, "File").setInputFiles(new FilePayload("x.txt", "text/plain", new byte[] {'x'}));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("name must not contain");
        assertThat(field(page, "Name")).hasValue("bad!/name.txt");
        assertThat(page.getByRole(AriaRole.ALERT)).isFocused();
    }

    @Test
    void theAuditorSeesForensicItemsOnlyAsStubsAndIsRefusedTheirContent() {
        Page page = signIn(Role.AUDITOR);
        page.navigate(base() + incidentPath() + "/evidence");
        String text = page.locator("main").innerText();
        for (String word : DemoData.privilegedWords()) {
            assertThat(text).as("the auditor's evidence list").doesNotContain(word);
        }
        Locator stubs = page.locator("#forensic-stubs tbody tr");
        assertThat(stubs.count()).isGreaterThanOrEqualTo(3);
        assertThat(stubs.first().innerText()).containsPattern("[0-9a-f]{64}").contains("#");
        assertThat(page.locator("#forensic-evidence")).hasCount(0);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Add evidence")))
                .hasCount(0);
        // the privileged memo's page is its stub; its content is refused
        page.navigate(base() + "/evidence/" + demo.privilegedItem());
        String item = page.locator("main").innerText();
        assertThat(item).contains("only that it exists is shown to you").contains(demo.privilegedItem());
        for (String word : DemoData.privilegedWords()) {
            assertThat(item).as("the auditor's view of the memo").doesNotContain(word);
        }
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download")))
                .hasCount(0);
        var content = page.navigate(base() + "/evidence/" + demo.privilegedItem() + "/content");
        assertThat(content.status()).isEqualTo(403);
        assertThat(page.locator("main").getAttribute("data-problem")).isEqualTo("urn:tandem:problem:forbidden");
        // and the findings page withholds what rests on privileged items and the scope
        page.navigate(base() + incidentPath() + "/findings");
        String findings = page.locator("main").innerText();
        for (String word : DemoData.privilegedWords()) {
            assertThat(findings).as("the auditor's findings page").doesNotContain(word);
        }
        assertThat(findings).contains("not shown to your role");
        assertThat(page.locator("#scope")).hasCount(0);
    }

    @Test
    void aLeakAnalysisRunsAndFinishesOnTheJobsPage() {
        Page page = signIn(Role.INCIDENT_COMMANDER);
        page.navigate(base() + incidentPath() + "/jobs");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run leak analysis"))
                .click();
        page.waitForURL(url -> url.contains("/jobs?started="));
        String job = page.url().replaceAll(".*started=", "");
        Locator row = page.locator("#job-" + job);
        assertThat(row).containsText("Leak analysis");
        // htmx asks for the list every 2 s until every job has finished; the page is never reloaded
        page.evaluate("() => { window.notReloaded = true; }");
        assertThat(row.locator(".status"))
                .hasText("SUCCEEDED", new LocatorAssertions.HasTextOptions().setTimeout(120_000));
        assertThat(page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
        assertThat(page.locator("#jobs")).not().hasAttribute("hx-trigger", "every 2s");
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("See its findings"))
                .click();
        page.waitForURL(url -> url.contains("/findings?analysis=" + job));
        assertThat(page.locator(".findings > li").count()).isPositive();
        assertThat(page.locator("main").innerText()).contains("Proposed containment");
        // the earlier analyses stay a click away: the list names them, the one shown marked
        Locator analyses = page.locator("#analyses");
        analyses.locator("summary").click();
        Locator links = analyses.locator("a");
        assertThat(links.count()).isGreaterThanOrEqualTo(2);
        assertThat(analyses.locator("a[aria-current=page]")).hasCount(1);
        String earliest = links.last().getAttribute("href");
        assertThat(earliest).contains("analysis=").doesNotContain(job);
        links.last().click();
        page.waitForURL(url -> url.contains(earliest.replaceAll(".*analysis=", "")));
        assertThat(page.locator("main").innerText()).contains("From the analysis");
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolations() {
        for (Role role : List.of(Role.INCIDENT_COMMANDER, Role.AUDITOR)) {
            Page page = signIn(role);
            page.navigate(base() + incidentPath() + "/evidence");
            String auditItem = page.locator("#audit-evidence tbody a").first().getAttribute("href");
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("evidence", incidentPath() + "/evidence");
            pages.put("AUDIT item", auditItem);
            pages.put("FORENSIC item", "/evidence/" + demo.privilegedItem());
            pages.put("findings", incidentPath() + "/findings");
            pages.put("jobs", incidentPath() + "/jobs");
            if (role == Role.INCIDENT_COMMANDER) {
                // counsel's and the commander's privilege log (the auditor is refused it)
                pages.put("privilege log", incidentPath() + "/privilege-log");
            }
            for (var p : pages.entrySet()) {
                page.navigate(base() + p.getValue());
                assertThat(page.locator("main[data-problem]").count())
                        .as(role + " on " + p.getKey())
                        .isZero();
                assertThat(Browsers.seriousViolations(page))
                        .as(role + " on " + p.getKey())
                        .isEmpty();
            }
        }
    }
}
