package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.tandem.server.access.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * axe-core finds no serious or critical violation on the obligations, reports, ledger,
 * administration and token pages, for the commander, the auditor and the administrator.
 */
class RecordPagesAccessibilityBrowserIT extends BrowserContract {

    @Test
    void theCommanderAuditorAndAdministratorPagesHaveNoSeriousViolations() {
        String i = incidentPath();
        List<String> found = new ArrayList<>();
        check(
                found,
                signIn(Role.INCIDENT_COMMANDER),
                "commander",
                List.of(
                        i + "/obligations",
                        i + "/reports",
                        i + "/reports/incident",
                        i + "/reports/audit-continuity",
                        "/ledger",
                        "/ledger/verify?index=3",
                        "/account/tokens",
                        "/account/password"));
        check(
                found,
                signIn(Role.AUDITOR),
                "auditor",
                List.of(
                        i + "/obligations",
                        i + "/reports",
                        i + "/reports/audit-continuity",
                        "/ledger",
                        "/ledger/verify?index=3",
                        "/account/tokens"));
        check(
                found,
                signIn(null),
                "admin",
                List.of(
                        "/admin/users",
                        "/admin/users/" + username(Role.AUDITOR) + "/tokens",
                        "/ledger",
                        "/ledger/verify?index=3",
                        "/account/tokens"));
        assertThat(found).isEmpty();
    }

    private void check(List<String> found, Page page, String who, List<String> paths) {
        for (String path : paths) {
            page.navigate(base() + path);
            assertThat(page.locator("[data-problem]").count())
                    .as(who + " " + path)
                    .isZero();
            if (path.startsWith("/ledger/verify")) {
                page.locator("#verify-result[data-outcome]").waitFor();
            }
            if (path.endsWith("/obligations") && page.locator("details.forms").count() > 0) {
                // the forms inside each obligation are checked open too
                page.locator("details.forms summary").first().click();
            }
            Browsers.seriousViolations(page).forEach(v -> found.add(who + " " + path + ": " + v));
        }
    }
}
