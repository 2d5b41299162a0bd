package dev.tandem.server.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.Role;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo's data protection officer (counsel, LEGAL) on the obligations page of an incident that
 * concerns people in the EU and in the UK: both Art. 33 notices, each in its own section, and the UK
 * draft as the ICO would receive it; the auditor reads the obligations' status and deadlines and
 * nothing of either notice (docs/access.md; ADR 145, 149).
 */
class UkNoticeBrowserIT extends BrowserContract {
    private static final Pattern EU_CITATION = Pattern.compile("(?<!UK )GDPR Art\\.");

    private Locator heading(Page page, String name) {
        return page.getByRole(
                AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void theDpoSeesBothNoticesAndOpensTheUkDraftTheAuditorSeesNeither() {
        Page page = signIn(Role.LEGAL);
        page.navigate(base() + incidentPath() + "/obligations");
        List<String> owed = page.locator("article.obligation h3").allInnerTexts();
        assertThat(owed).anyMatch(t -> t.startsWith("EU GDPR · EU")).anyMatch(t -> t.startsWith("UK GDPR · GB"));
        assertThat(heading(page, "GDPR Art. 33(3) notice")).isVisible();
        assertThat(heading(page, "UK GDPR Art. 33(3) notice")).isVisible();
        // both laws apply: no line says a notice is absent
        assertThat(page.locator("#notices-absent")).hasCount(0);

        // the UK draft, opened in its own section's editor: addressed to the ICO, the five in the UK
        Locator uk = page.locator("section[aria-labelledby='uk-notice']");
        Locator text = uk.getByLabel("Notice text (Markdown)");
        text.scrollIntoViewIfNeeded();
        assertThat(text).isVisible();
        String draft = text.inputValue();
        assertThat(draft)
                .startsWith("# Notification of a personal data breach\n\nTo: the Information Commissioner's Office"
                        + " (ICO)")
                .contains("Under: UK GDPR Art. 33, read with the Data Protection Act 2018")
                .contains("- Controller: Demo Retail GmbH")
                .contains("- Approximate number of data subjects: about 5\n")
                .contains("the people in the UK only (no establishment there, UK GDPR Art. 3(2))")
                .contains("Dana Schmidt, Data Protection Officer")
                .contains("- Representative in the UK (UK GDPR Art. 27): [to be completed: ");
        assertThat(EU_CITATION.matcher(draft).find())
                .as("the ICO's draft cites the UK GDPR only")
                .isFalse();
        // what sending it now would lack, the representative among them, listed beside "Mark sent"
        assertThat(uk.locator("#uk-n-gaps li").allInnerTexts())
                .anyMatch(g -> g.startsWith("name and contact details of the controller's representative in the UK"));
        // the GDPR draft is the other section's: to the German authority, everyone counted
        String eu = page.locator("section[aria-labelledby='notice']")
                .getByLabel("Notice text (Markdown)")
                .inputValue();
        assertThat(eu).contains("Under: GDPR Art. 33\n").doesNotContain("Information Commissioner");
        assertThat(Browsers.seriousViolations(page)).isEmpty();

        // the auditor: the UK obligation's status and deadline, nothing of the notices
        Page auditor = signIn(Role.AUDITOR);
        auditor.navigate(base() + incidentPath() + "/obligations");
        assertThat(auditor.locator("article.obligation h3").allInnerTexts())
                .anyMatch(t -> t.startsWith("UK GDPR · GB"));
        assertThat(heading(auditor, "UK GDPR Art. 33(3) notice")).hasCount(0);
        assertThat(heading(auditor, "GDPR Art. 33(3) notice")).hasCount(0);
        assertThat(auditor.locator("textarea")).hasCount(0);
        assertThat(auditor.locator("body").innerText())
                .doesNotContain("Information Commissioner's Office")
                .doesNotContain("Notification of a personal data breach");
        assertThat(auditor.locator("form[action*='/notices/']")).hasCount(0);
    }
}
