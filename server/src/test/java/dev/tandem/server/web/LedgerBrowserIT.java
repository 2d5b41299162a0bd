package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.Role;
import org.junit.jupiter.api.Test;

/**
 * The ledger page verifies an entry's inclusion proof and the checkpoint's signature in the
 * browser's own Web Crypto, and fails when one bit of the proof is flipped in the page.
 */
class LedgerBrowserIT extends BrowserContract {

    @Test
    void theBrowserVerifiesARealEntrysProofAndFailsATamperedOne() {
        Page page = signIn(Role.AUDITOR);
        page.navigate(base() + incidentPath());
        // an entry of the demo incident, as its timeline numbers it
        String index = page.locator("#timeline li[id^=entry-]")
                .first()
                .getAttribute("id")
                .substring("entry-".length());

        page.navigate(base() + "/ledger");
        String note = page.locator("#checkpoint").innerText();
        assertThat(note).contains("— ");
        assertThat(page.locator("#verifier-key").innerText()).matches(".+\\+[0-9a-f]{8}\\+.+");
        page.getByRole(
                        AriaRole.LINK,
                        new Page.GetByRoleOptions().setName("Verify an entry's inclusion proof in this browser"))
                .click();

        page.getByLabel("Ledger index").fill(index);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify"))
                .click();
        Locator result = page.locator("#verify-result[data-outcome]");
        result.waitFor();
        assertThat(result.getAttribute("data-outcome")).isEqualTo("verified");
        assertThat(result.innerText()).contains("Verified: entry #" + index);
        String steps = page.locator("#verify-steps").innerText();
        assertThat(steps)
                .contains("Ed25519 signature")
                .contains("verifies with the key")
                .contains("Leaf hash = SHA-256(0x00 || leaf)")
                .contains("Step 1: node = SHA-256(0x01");

        page.getByLabel("Tamper with the proof").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify"))
                .click();
        page.locator("#verify-result[data-outcome=failed]").waitFor();
        assertThat(page.locator("#verify-result").innerText()).startsWith("Failed");
        assertThat(page.locator("#verify-steps").innerText()).contains("Tampered in this page");

        // the tampering is the page's: the same entry, untampered, verifies again from its link
        page.navigate(base() + "/ledger/verify?index=" + index);
        page.locator("#verify-result[data-outcome]").waitFor();
        assertThat(page.locator("#verify-result").getAttribute("data-outcome")).isEqualTo("verified");
    }

    @Test
    void aVerifierKeyWhoseBase64HoldsPlusSignsIsReadWhole() {
        var page = signIn(Role.AUDITOR);
        page.navigate(base() + "/ledger/verify");
        // the C2SP signed-note spec's example key has none; this one (a real demo key) has four
        Object parsed = page.evaluate("() => { const k = window.tandemParseVerifierKey("
                + "'tandem/71164881+3a5a2653+ATQ0wIxWo++X+GX2JeTRrRlwkZ0jrJIeZl93OYI/UJi+');"
                + " return [k.name, k.id, k.raw.length, k.raw[0]].join(' '); }");
        assertThat(parsed).isEqualTo("tandem/71164881 3a5a2653 33 1");
    }
}
