package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.tandem.evidence.Repository;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.identity.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The members page: a removal, a change of role and a grant's revocation ask first, without script
 * too (docs/web.md, "Actions that ask first").
 */
class MembersBrowserIT extends BrowserContract {
    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    @Autowired
    Vault vault;

    @Autowired
    JdbcTemplate jdbc;

    private int ledgered(String type) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_entry WHERE entry_type = ? AND incident_id = ?",
                Integer.class,
                type,
                demo.incident().id());
        return n == null ? 0 : n;
    }

    private static String roleOf(Page page, String name) {
        return page.locator("table")
                .first()
                .locator("tr", new com.microsoft.playwright.Locator.LocatorOptions().setHasText(name))
                .locator("td")
                .nth(1)
                .innerText();
    }

    private void save(Page page, String name, String role) {
        page.navigate(base() + incidentPath() + "/members");
        page.getByLabel("Username", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption(role);
        button(page, "Save member").click();
    }

    @Test
    void savingAMemberInAnotherRoleAsksFirstAndOnlyTheAnswerChangesIt() {
        String name = freshUser();
        Page page = commanderWithoutScript();
        save(page, name, "AUDITOR");
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(roleOf(page, name)).isEqualTo("AUDITOR");
        int changed = ledgered("member.changed");

        // the same person in another role: a question, nothing changed yet
        save(page, name, "RESPONDER");
        assertThat(page.locator("#confirm-heading").innerText())
                .isEqualTo("Change " + name + "'s role from AUDITOR to RESPONDER?");
        assertThat(page.locator("#confirm").innerText()).contains("member.changed");
        assertThat(ledgered("member.changed")).isEqualTo(changed);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Keep AUDITOR"))
                .click();
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(roleOf(page, name)).isEqualTo("AUDITOR");

        // the answer changes it, once, and the ledger records it as a change
        save(page, name, "RESPONDER");
        button(page, "Change " + name + "'s role to RESPONDER").click();
        page.waitForURL(url -> url.contains("/members?changed="));
        assertThat(page.locator("#member-changed").innerText()).isEqualTo(name + "'s role was changed.");
        assertThat(roleOf(page, name)).isEqualTo("RESPONDER");
        assertThat(ledgered("member.changed")).isEqualTo(changed + 1);

        // the role they have: nothing recorded, and the page says so
        save(page, name, "RESPONDER");
        page.waitForURL(url -> url.contains("/members?unchanged="));
        assertThat(page.locator("#member-unchanged").innerText()).contains("nothing was changed");
        assertThat(ledgered("member.changed")).isEqualTo(changed + 1);

        // an answer to a question about a role they no longer have changes nothing: 409, named
        memberships.put(demo.incident().id(), name, Role.LEGAL, "test");
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        var stale = page.request()
                .post(
                        base() + incidentPath() + "/members",
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("_csrf", csrf)
                                        .set("username", name)
                                        .set("role", "AUDITOR")
                                        .set("from", "RESPONDER")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).contains("is LEGAL").contains("nothing was changed");
        assertThat(memberships.roleOf(demo.incident().id(), name)).contains(Role.LEGAL);
        // the demo incident is shared with the other browser tests: leave its members as found
        memberships.remove(demo.incident().id(), name, "test");
    }

    @Test
    void revokingAGrantAsksFirstNamingTheItemToCounselOnly() {
        String name = freshUser();
        String incident = demo.incident().id();
        memberships.put(incident, name, Role.RESPONDER, "test");
        EvidenceItem item = vault.ofIncident(incident).stream()
                .filter(i -> i.repository() == Repository.FORENSIC)
                .findFirst()
                .orElseThrow();
        var grant = memberships.grant(incident, name, item.id(), username(Role.LEGAL));
        var context = browser.newContext(
                new Browser.NewContextOptions().setJavaScriptEnabled(false).setTimezoneId("UTC"));
        String legal = username(Role.LEGAL);
        Page page = Browsers.signIn(context, base(), legal, demo.passwords().get(legal));
        page.navigate(base() + incidentPath() + "/members");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke the grant to " + name + "…"))
                .click();
        page.waitForURL(url -> url.endsWith("/grants/" + grant.id() + "/revocation"));
        assertThat(page.locator("#confirm-heading").innerText())
                .startsWith("Revoke " + name + "'s grant of " + item.name() + " (received ")
                .doesNotContain(item.id());
        assertThat(page.locator("#confirm").innerText()).contains("grant.revoked");
        // the question passes the accessibility check (which runs as script)
        Page checked = signIn(Role.LEGAL);
        checked.navigate(base() + incidentPath() + "/grants/" + grant.id() + "/revocation");
        assertThat(Browsers.seriousViolations(checked)).isEmpty();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Keep it"))
                .click();
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(memberships.grants(incident))
                .extracting(Memberships.Grant::id)
                .contains(grant.id());

        // a post without the confirmation is the question again, and revokes nothing
        page.navigate(base() + incidentPath() + "/grants/" + grant.id() + "/revocation");
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        var unconfirmed = page.request()
                .post(
                        base() + incidentPath() + "/grants/" + grant.id() + "/revocation",
                        RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)));
        assertThat(unconfirmed.status()).isEqualTo(200);
        assertThat(memberships.grants(incident))
                .extracting(Memberships.Grant::id)
                .contains(grant.id());

        // the auditor reaches no such question, and no refusal names the item
        Page auditor = signIn(Role.AUDITOR);
        var refused = auditor.navigate(base() + incidentPath() + "/grants/" + grant.id() + "/revocation");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(auditor.content()).doesNotContain(item.name());

        button(page, "Revoke the grant").click();
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(memberships.grants(incident))
                .extracting(Memberships.Grant::id)
                .doesNotContain(grant.id());
        // the demo incident is shared with the other browser tests: leave its members as found
        memberships.remove(incident, name, "test");
    }

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
