package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tandem.server.access.AccessDenied;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.incident.TimelineCsv;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The same incident told to each role: every page a role can reach by following links from its
 * incident list is visited; the auditor and the audit liaison never see a privileged name on any of
 * them, counsel does; every page passes axe-core with no serious or critical violation; no page
 * offers a role a link or a form the access policy would refuse it.
 */
class RoleViewsBrowserIT extends BrowserContract {
    private static final int MAX_PAGES = 80;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    /**
     * Would the policy refuse {@code role} (null: the administrator) the post a page's form makes?
     * Asked of the interceptors the server runs before the handler (the access check among them),
     * the handler itself never run: nothing is written. Null when permitted (or not a page's handler).
     */
    private @Nullable String refusal(@Nullable Role role, String action, List<List<String>> fields) throws Exception {
        URI uri = URI.create(action);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri.getRawPath());
        request.setQueryString(uri.getRawQuery());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.addParameter(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], "UTF-8") : "");
            }
        }
        fields.forEach(f -> request.addParameter(f.get(0), f.get(1)));
        HandlerExecutionChain chain = mapping.getHandler(request);
        if (chain == null || !(chain.getHandler() instanceof HandlerMethod)) {
            return null; // sign-out: Spring Security's own, for everyone
        }
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(
                        new Actor(username(role), role == null), null, List.of()));
        try {
            for (HandlerInterceptor i : chain.getInterceptorList()) {
                i.preHandle(request, new MockHttpServletResponse(), chain.getHandler());
            }
            return null;
        } catch (AccessDenied e) {
            return e.getMessage();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Every same-site page reachable by links from /incidents (no sign-out, no downloads), with its text. */
    private Map<String, String> crawl(Page page, SoftAssertions soft, @Nullable Role role) {
        String who = role == null ? "ADMIN" : role.name();
        Set<String> forms = new LinkedHashSet<>();
        Map<String, String> seen = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/incidents"));
        while (!queue.isEmpty() && seen.size() < MAX_PAGES) {
            String path = queue.poll();
            if (seen.containsKey(path)) {
                continue;
            }
            var response = page.navigate(base() + path);
            soft.assertThat(response.status()).as(who + " " + path).isLessThan(500);
            // a link offered is a page the role may open: never refused (403) nor hidden (404)
            soft.assertThat(response.status())
                    .as(who + " offered a link to " + path)
                    .isNotIn(401, 403, 404);
            if (response.headerValue("content-type") == null
                    || !response.headerValue("content-type").startsWith("text/html")) {
                seen.put(path, "");
                continue;
            }
            seen.put(path, page.locator("body").innerText());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> offered = (List<Map<String, Object>>)
                    page.evaluate(
                            "() => Array.from(document.querySelectorAll('form'))"
                                    + ".filter(f => (f.getAttribute('method') || '').toLowerCase() === 'post')"
                                    + ".map(f => ({action: f.getAttribute('action') || location.pathname,"
                                    + " fields: Array.from(new FormData(f).entries()).filter(e => typeof e[1] === 'string')}))");
            for (Map<String, Object> form : offered) {
                String action = (String) form.get("action");
                @SuppressWarnings("unchecked")
                List<List<String>> fields = (List<List<String>>) form.get("fields");
                if (forms.add(action.replaceAll("_csrf=[^&]*", "")
                        + fields.stream()
                                .filter(f ->
                                        !f.get(0).equals("_csrf") && !f.get(0).equals(FormTokens.PARAM))
                                .toList())) {
                    try {
                        soft.assertThat(refusal(role, action, fields))
                                .as(who + " offered a form posting to " + action + " on " + path)
                                .isNull();
                    } catch (Exception e) {
                        soft.fail(who + " " + action + ": " + e);
                    }
                }
            }
            for (String violation : Browsers.seriousViolations(page)) {
                soft.fail(who + " " + path + ": " + violation);
            }
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) page.evaluate(
                    "() => Array.from(document.querySelectorAll('a[href]'))" + ".map(a => a.getAttribute('href'))");
            Set<String> next = new LinkedHashSet<>();
            for (String href : hrefs) {
                if (href.startsWith("/") && !href.startsWith("//") && !skip(href)) {
                    next.add(href.replaceAll("#.*$", ""));
                }
            }
            queue.addAll(next);
        }
        return seen;
    }

    /** Downloads (evidence, PDFs, the export bag) and API answers are not pages; the timeline's filters would only repeat it. */
    private static boolean skip(String href) {
        return href.startsWith("/api/")
                || href.contains("/content")
                || href.contains(".pdf")
                || href.endsWith("/export")
                || href.contains("download")
                || href.contains("?")
                || href.startsWith("/logout")
                || href.startsWith("/oauth2/");
    }

    @Test
    void theAuditorAndTheLiaisonNeverSeeAPrivilegedNameAndCounselDoes() {
        SoftAssertions soft = new SoftAssertions();
        List<String> words = DemoData.privilegedWords();
        for (Role role : List.of(Role.AUDITOR, Role.AUDIT_LIAISON)) {
            Map<String, String> pages = crawl(signIn(role), soft, role);
            soft.assertThat(pages.keySet()).as(role + " reached the incident").contains(incidentPath());
            pages.forEach((path, text) -> {
                for (String word : words) {
                    soft.assertThat(text).as(role + " on " + path).doesNotContain(word);
                }
            });
        }
        Map<String, String> counsel = crawl(signIn(Role.LEGAL), soft, Role.LEGAL);
        String all = String.join("\n", counsel.values());
        for (String word : words) {
            soft.assertThat(all).as("counsel sees " + word).contains(word);
        }
        soft.assertAll();
    }

    /**
     * The timeline's "Download CSV" (docs/timeline.md, ADR 124): the entries the page shows, with its
     * filters, as the role may read them; the auditor's has counsel's privileged entries as their
     * commitments and none of their words, counsel's opens them.
     */
    @Test
    void theTimelinesDownloadIsTheCsvOfTheEntriesShownAsTheRoleMayReadThem() throws Exception {
        for (Role role : List.of(Role.AUDITOR, Role.LEGAL)) {
            Page page = signIn(role);
            page.navigate(base() + incidentPath());
            List<List<String>> all = downloadedRows(page);
            assertThat(all.getFirst()).as(role.name()).isEqualTo(TimelineCsv.COLUMNS);
            List<List<String>> privileged =
                    all.stream().skip(1).filter(r -> r.get(5).equals("true")).toList();
            assertThat(privileged)
                    .as(role + ": the demo has privileged entries")
                    .isNotEmpty();
            if (role == Role.AUDITOR) {
                assertThat(privileged).allSatisfy(r -> {
                    assertThat(r.get(6)).isEqualTo("false");
                    assertThat(r.getLast()).startsWith("Privileged entry recorded (commitment ");
                });
                String text = all.toString();
                for (String word : DemoData.privilegedWords()) {
                    assertThat(text).as("the auditor's CSV").doesNotContain(word);
                }
            } else {
                assertThat(privileged).allSatisfy(r -> assertThat(r.get(6)).isEqualTo("true"));
            }
            // filtered on the page: the link follows the filter (the list is swapped in place)
            page.getByLabel("Show").selectOption("evidence.added");
            page.waitForURL(url -> url.contains("kind=evidence.added"));
            List<List<String>> added = downloadedRows(page);
            assertThat(added.stream().skip(1).map(r -> r.get(3)).distinct().toList())
                    .as(role.name())
                    .containsExactly("evidence.added");
        }
    }

    /** Clicks "Download CSV" and reads the file: its rows, which are the entries the page lists, in its order. */
    private List<List<String>> downloadedRows(Page page) throws java.io.IOException {
        var download = page.waitForDownload(
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download CSV"))
                        .click());
        assertThat(download.suggestedFilename())
                .isEqualTo("incident-" + demo.incident().id() + "-timeline.csv");
        List<List<String>> rows;
        try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder()
                .ofCsvRecord(
                        java.nio.file.Files.readString(download.path(), java.nio.charset.StandardCharsets.UTF_8))) {
            rows = reader.stream()
                    .map(de.siegmar.fastcsv.reader.CsvRecord::getFields)
                    .toList();
        }
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>)
                page.evaluate(
                        "() => Array.from(document.querySelectorAll('ol.timeline > li')).map(li => li.id.replace('entry-', ''))");
        assertThat(rows.stream().skip(1).map(List::getFirst).toList()).isEqualTo(shown);
        return rows;
    }

    @Test
    void everyPageOfEveryRolePassesTheAccessibilityCheck() {
        SoftAssertions soft = new SoftAssertions();
        for (Role role : List.of(Role.INCIDENT_COMMANDER, Role.RESPONDER)) {
            crawl(signIn(role), soft, role);
        }
        var admin = signIn(null);
        crawl(admin, soft, null);
        // and the sign-in page itself, before anyone signs in
        var anonymous = Browsers.context(browser).newPage();
        anonymous.navigate(base() + "/login");
        soft.assertThat(Browsers.seriousViolations(anonymous)).as("/login").isEmpty();
        anonymous.context().close();
        soft.assertAll();
    }

    /** The back button and the note sent again: one entry, the second post sent to it. */
    @Test
    void aNoteSentTwiceIsRecordedOnce() {
        String text = "Browser test: a note sent twice " + System.nanoTime();
        Page page = signIn(Role.INCIDENT_COMMANDER);
        page.navigate(base() + incidentPath());
        page.getByLabel("Kind").selectOption("NOTE");
        page.getByLabel("Text").fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add entry"))
                .click();
        page.waitForURL(url -> url.contains("added="));
        String added = page.url().replaceAll(".*added=(\\d+).*", "$1");
        page.goBack();
        page.waitForURL(url -> !url.contains("added="));
        page.getByLabel("Kind").selectOption("NOTE");
        page.getByLabel("Text").fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add entry"))
                .click();
        page.waitForURL(url -> url.contains("sentTwice"));
        assertThat(page.url()).endsWith("#entry-" + added);
        assertThat(page.locator("#sent-twice").innerText()).contains("Nothing new was recorded");
        assertThat(page.locator("#timeline").innerText().split(java.util.regex.Pattern.quote(text), -1))
                .as("one entry with that text")
                .hasSize(2);
    }

    @Test
    void theCommanderAddsANoteAndThenACorrectionThatNamesIt() {
        Page page = signIn(Role.INCIDENT_COMMANDER);
        page.navigate(base() + incidentPath());
        page.getByLabel("Kind").selectOption("NOTE");
        page.getByLabel("Text").fill("Browser test: the export ran at 09:12");
        page.getByLabel("When it happened").fill("2026-11-25T09:12");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add entry"))
                .click();
        page.waitForURL(url -> url.contains("added="));
        String added = page.url().replaceAll(".*added=(\\d+).*", "$1");
        var note = page.locator("#entry-" + added);
        assertThat(note.innerText())
                .contains("Browser test: the export ran at 09:12")
                .contains("[happened 2026-11-25 09:12 CET (UTC+01:00) (exact)]");
        // every time on the timeline, in the sentences too, names its zone: none is a bare RFC 3339 one
        assertThat(page.locator("#timeline").innerText())
                .contains("aware since ")
                .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");

        page.getByLabel("Kind").selectOption("CORRECTION");
        page.getByLabel("Corrects entry #").fill(added);
        page.getByLabel("Text").fill("It ran at 09:21, not 09:12");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add entry"))
                .click();
        page.waitForURL(url -> !url.contains("added=" + added + "#") && url.contains("added="));
        assertThat(page.locator("#entry-" + added).innerText()).contains("corrected by");

        // a correction without the entry it corrects is refused with the form again, naming the field
        page.getByLabel("Kind").selectOption("CORRECTION");
        page.getByLabel("Text").fill("corrects nothing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add entry"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("corrects");
        assertThat(page.getByLabel("Text").inputValue()).isEqualTo("corrects nothing");
    }

    @Test
    void counselGrantsAResponderAFORENSICItemChosenByItsName() {
        Page page = signIn(Role.LEGAL);
        page.navigate(base() + incidentPath() + "/members");
        var responder = page.getByLabel("Responder", new Page.GetByLabelOptions().setExact(true));
        assertThat((List<Object>) responder.evaluate("s => Array.from(s.options).map(o => o.value)"))
                .containsExactly("responder");
        var item = page.getByLabel("FORENSIC item");
        item.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(((String) item.evaluate(
                "s => Array.from(s.options).map(o => o.text).find(t => t.startsWith('intake-memo-privileged.md'))"))));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Grant"))
                .click();
        page.waitForURL(url -> url.endsWith("/members"));
        assertThat(page.locator("#grants ~ table").innerText())
                .as("the grant names the item, not its id")
                .contains("intake-memo-privileged.md")
                .doesNotContain(demo.privilegedItem());
    }

    @Test
    void theAuditorHasNoFormToAddToTheTimelineAndAPostIsRefused() {
        Page page = signIn(Role.AUDITOR);
        page.navigate(base() + incidentPath());
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add entry"))
                        .count())
                .isZero();
        // the form's action, posted anyway with the page's CSRF token: the policy refuses it
        String token = page.locator("meta[name=csrf-token]").getAttribute("content");
        var response = page.request()
                .post(
                        base() + incidentPath() + "/timeline",
                        com.microsoft.playwright.options.RequestOptions.create()
                                .setHeader("X-CSRF-TOKEN", token)
                                .setForm(com.microsoft.playwright.options.FormData.create()
                                        .set("kind", "NOTE")
                                        .set("text", "the auditor writes")));
        assertThat(response.status()).isEqualTo(403);
    }
}
