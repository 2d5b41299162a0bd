package dev.tandem.server.incident;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.regulation.StoredObligation;
import dev.tandem.server.web.Confirmation;
import dev.tandem.server.web.FormTokens;
import dev.tandem.server.web.Times;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incidents list and an incident's overview: its header with phase and the next deadlines,
 * and its timeline with filters and the form to add a note, decision, external event or correction
 * (docs/web.md). What each caller sees is what the API gives them: the same {@link Timeline#read}
 * and obligation views.
 */
@WebPages
class IncidentPages {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Incidents incidents;
    private final Memberships memberships;
    private final Timeline timeline;
    private final IncidentHeader header;
    private final java.time.Clock clock;
    private final dev.tandem.server.evidence.Vault vault;

    IncidentPages(
            Incidents incidents,
            Memberships memberships,
            Timeline timeline,
            IncidentHeader header,
            java.time.Clock clock,
            dev.tandem.server.evidence.Vault vault) {
        this.clock = clock;
        this.vault = vault;
        this.incidents = incidents;
        this.memberships = memberships;
        this.timeline = timeline;
        this.header = header;
    }

    /** An incident as the list shows it: the caller's role and its nearest open deadline. */
    record Row(Incident incident, Role role, @Nullable StoredObligation next) {}

    @GetMapping("/")
    @Guard(Action.INCIDENT_LIST)
    String home() {
        return "redirect:/incidents";
    }

    @GetMapping("/incidents")
    @Guard(Action.INCIDENT_LIST)
    String list(Access access, Model model) {
        Map<String, Role> mine = memberships.rolesOf(access.username());
        java.util.Set<String> audited = new java.util.HashSet<>();
        mine.forEach((incident, role) -> {
            if (role == Role.AUDITOR) audited.add(incident);
        });
        Map<String, StoredObligation> next = header.nextDeadlines(mine.keySet(), audited);
        List<Row> rows = new ArrayList<>();
        for (Incident i : incidents.all()) {
            Role role = mine.get(i.id());
            if (role == null) continue;
            rows.add(new Row(i, role, next.get(i.id())));
        }
        rows.sort(Comparator.comparing((Row r) -> r.role() != Role.INCIDENT_COMMANDER)
                .thenComparing(r -> r.incident().closedAt() != null)
                .thenComparing(r -> r.next() == null
                        ? Instant.MAX
                        : r.next().due() == null ? Instant.MIN : r.next().due())
                .thenComparing(r -> -r.incident().severity().ordinal()));
        model.addAttribute("rows", rows);
        return "incidents/list";
    }

    @PostMapping("/incidents")
    @Guard(Action.INCIDENT_OPEN)
    String open(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String timeZone,
            @RequestParam(required = false) @Nullable String awareAt,
            @RequestParam(name = FormTokens.PARAM, required = false) @Nullable String formToken,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            Access access) {
        // one incident per form drawn: back and "Open incident" again lead to the first (FormTokens)
        return FormTokens.once(
                request,
                formToken,
                "opened",
                () -> open(actor, title, severity, timeZone, awareAt, model, response, access));
    }

    private String open(
            Actor actor,
            @Nullable String title,
            @Nullable String severity,
            @Nullable String timeZone,
            @Nullable String awareAt,
            Model model,
            HttpServletResponse response,
            Access access) {
        String t = title == null ? "" : title.strip();
        try {
            if (t.isEmpty() || t.length() > 300) {
                throw new IllegalArgumentException("title: required, at most 300 characters");
            }
            Severity s = java.util.Arrays.stream(Severity.values())
                    .filter(v -> v.name().equals(severity))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("severity: must be LOW, MEDIUM, HIGH or CRITICAL"));
            ZoneId zone = zone(timeZone);
            OffsetDateTime aware = Times.fromForm(awareAt, zone, "awareAt");
            // the form's hint: empty means now (whoever opens an incident is aware of it; the
            // deadlines that run from awareness start here)
            java.time.Instant awareness = aware == null
                    ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                    : aware.toInstant();
            Incident opened = incidents.open(t, s, awareness, zone, actor.username());
            return "redirect:/incidents/" + opened.id();
        } catch (IllegalArgumentException | DomainException e) {
            response.setStatus(422);
            model.addAttribute("openError", e.getMessage());
            return list(access, model);
        }
    }

    /** The form's time zone: UTC when empty; an IANA id otherwise. */
    private static ZoneId zone(@Nullable String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("timeZone: not a time zone such as Europe/Berlin: " + timeZone);
        }
    }

    @GetMapping("/incidents/{id}")
    @Guard(Action.INCIDENT_READ)
    String incident(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            Model model) {
        Incident incident = header(access, id, model, "timeline");
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("order", order == null ? "" : order);
        filter.put("kind", kind == null ? "" : kind);
        filter.put("since", since == null ? "" : since);
        filter.put("until", until == null ? "" : until);
        model.addAttribute("filter", filter);
        try {
            model.addAttribute(
                    "entries", timeline.read(id, pageQuery(incident, order, kind, since, until), access.caller()));
        } catch (IllegalArgumentException | DomainException e) {
            model.addAttribute("filterError", e.getMessage());
            model.addAttribute("entries", timeline.read(id, TimelineQuery.ALL, access.caller()));
        }
        model.addAttribute("entryKinds", EntryKind.values());
        model.addAttribute("phases", IncidentLifecycle.Phase.values());
        model.addAttribute("precisions", Precision.values());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of());
        }
        return "incidents/incident";
    }

    /**
     * The page's filters as a query: {@code since} and {@code until} as the form's fields give them,
     * in the incident's zone.
     *
     * @throws IllegalArgumentException a time the form cannot have sent
     * @throws DomainException 400 a filter the API refuses as well
     */
    private static TimelineQuery pageQuery(
            Incident incident,
            @Nullable String order,
            @Nullable String kind,
            @Nullable String since,
            @Nullable String until) {
        OffsetDateTime from = Times.fromForm(since, incident.timeZone(), "since");
        OffsetDateTime to = Times.fromForm(until, incident.timeZone(), "until");
        return TimelineQuery.parse(
                order == null || order.isBlank() ? null : order,
                kind == null || kind.isBlank() ? null : List.of(kind),
                null,
                from == null ? null : from.toString(),
                to == null ? null : to.toString(),
                null);
    }

    /**
     * The timeline as the page filters it, as the CSV the API gives for {@code format=csv}
     * (docs/contracts.md "Additions"): the same read for the same caller, under the API's access
     * decision ({@code TIMELINE_READ}); a filter the page would show as an error is 400 here.
     */
    @GetMapping("/incidents/{id}/timeline/download")
    @Guard(Action.TIMELINE_READ)
    ResponseEntity<String> timelineCsv(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until) {
        Incident incident = incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        TimelineQuery q;
        try {
            q = pageQuery(incident, order, kind, since, until);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("bad-request", e.getMessage());
        }
        return TimelineController.csv(id, timeline.read(id, q, access.caller()));
    }

    @PostMapping("/incidents/{id}/timeline")
    @Guard(Action.TIMELINE_ADD)
    String addEntry(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        return FormTokens.once(request, form.get(FormTokens.PARAM), () -> addEntry(access, id, form, model, response));
    }

    private String addEntry(
            Access access, String id, Map<String, String> form, Model model, HttpServletResponse response) {
        Incident incident = incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        try {
            ObjectNode body = JSON.createObjectNode();
            body.put("kind", form.getOrDefault("kind", ""));
            body.put("text", form.getOrDefault("text", ""));
            OffsetDateTime eventAt = Times.fromForm(form.get("eventAt"), incident.timeZone(), "eventAt");
            if (eventAt != null) {
                body.put("eventAt", eventAt.toString());
                String precision = form.getOrDefault("eventPrecision", "");
                if (!precision.isBlank()) {
                    body.put("eventPrecision", precision);
                }
            }
            OffsetDateTime discoveredAt = Times.fromForm(form.get("discoveredAt"), incident.timeZone(), "discoveredAt");
            if (discoveredAt != null) {
                body.put("discoveredAt", discoveredAt.toString());
            }
            String corrects = form.getOrDefault("corrects", "").strip();
            if (!corrects.isEmpty()) {
                try {
                    body.put("corrects", Long.parseLong(corrects));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "corrects: must be the ledger index (a number) of the entry corrected, got " + corrects);
                }
            }
            body.put("privileged", "on".equals(form.get("privileged")) || "true".equals(form.get("privileged")));
            long index = timeline.add(id, EntryDraft.parse(body), access.caller());
            return "redirect:/incidents/" + id + "?added=" + index + "#entry-" + index;
        } catch (IllegalArgumentException | DomainException e) {
            if (e instanceof DomainException d && d.kind() == DomainException.Kind.FORBIDDEN) {
                throw d;
            }
            response.setStatus(422);
            model.addAttribute("entryError", e.getMessage());
            model.addAttribute("draft", form);
            return incident(access, id, null, null, null, null, model);
        }
    }

    /**
     * The incident commander's lifecycle forms: the phase, containment, when it occurred, closure
     * ({@link IncidentLifecycle}). A refused change comes back as the page with the reason.
     */
    @PostMapping("/incidents/{id}/lifecycle")
    @Guard(Action.INCIDENT_LIFECYCLE)
    String lifecycle(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        Incident incident = incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        String actor = access.username();
        try {
            switch (form.getOrDefault("change", "")) {
                case "phase" ->
                    incidents.changePhase(
                            id,
                            IncidentLifecycle.Phase.parse(form.getOrDefault("phase", ""))
                                    .orElseThrow(() -> new IllegalArgumentException(
                                            "phase: must be one of " + List.of(IncidentLifecycle.Phase.values()))),
                            actor);
                case "containment" -> {
                    OffsetDateTime at = Times.fromForm(form.get("containedAt"), incident.timeZone(), "containedAt");
                    incidents.contain(
                            id, at == null ? clock.instant() : at.toInstant(), text(form), actor, "containedAt");
                }
                case "occurred" -> {
                    OffsetDateTime at = Times.fromForm(form.get("occurredAt"), incident.timeZone(), "occurredAt");
                    if (at == null) {
                        throw new IllegalArgumentException("occurredAt: required");
                    }
                    incidents.setOccurredAt(
                            id,
                            at.toInstant(),
                            Precision.parse(form.getOrDefault("precision", "EXACT"))
                                    .orElseThrow(() -> new IllegalArgumentException(
                                            "precision: must be one of " + List.of(Precision.values()))),
                            actor);
                }
                case "closure" -> incidents.close(id, text(form), actor);
                default ->
                    throw new IllegalArgumentException("change: must be phase, containment, occurred or closure");
            }
            return "redirect:/incidents/" + id;
        } catch (IllegalArgumentException | DomainException e) {
            if (e instanceof DomainException d && d.kind() == DomainException.Kind.FORBIDDEN) {
                throw d;
            }
            response.setStatus(e instanceof DomainException d && d.kind() == DomainException.Kind.CONFLICT ? 409 : 422);
            model.addAttribute("lifecycleError", e.getMessage());
            return incident(access, id, null, null, null, null, model);
        }
    }

    private static String text(Map<String, String> form) {
        String t = form.getOrDefault("text", "").strip();
        if (t.isEmpty() || t.length() > EntryDraft.MAX_TEXT) {
            throw new IllegalArgumentException("text: required, at most " + EntryDraft.MAX_TEXT + " characters");
        }
        return t;
    }

    @GetMapping("/incidents/{id}/members")
    @Guard(Action.MEMBERS_READ)
    String members(Access access, @PathVariable String id, Model model) {
        if (access.caller().member()) {
            header(access, id, model, "members");
        } else {
            // an administrator who is no member manages members without seeing the incident's content
            model.addAttribute("incidentId", id);
            model.addAttribute("zone", ZoneOffset.UTC);
        }
        model.addAttribute("members", memberships.members(id));
        model.addAttribute("roles", Role.values());
        if (dev.tandem.server.access.AccessPolicy.decide(
                        access.caller(), Action.GRANTS_READ, dev.tandem.server.access.Resource.incident(id))
                instanceof dev.tandem.server.access.Decision.Permit) {
            model.addAttribute("grants", memberships.grants(id));
            // those who read grants read FORENSIC items (LEGAL, the commander): items by their names
            model.addAttribute("forensicItems", forensicNames(id));
        }
        return "incidents/members";
    }

    /**
     * The incident's FORENSIC items by id, each named as "name (received …)" in the incident's zone:
     * only for those the policy lets read grants (LEGAL, the commander), who read every FORENSIC item.
     */
    private Map<String, String> forensicNames(String id) {
        Map<String, String> forensic = new LinkedHashMap<>();
        ZoneId zone = incidents.find(id).map(Incident::timeZone).orElse(ZoneOffset.UTC);
        Times times = new Times();
        for (var item : vault.ofIncident(id)) {
            if (item.repository() == dev.tandem.evidence.Repository.FORENSIC) {
                forensic.put(item.id(), item.name() + " (received " + times.show(item.receivedAt(), zone) + ")");
            }
        }
        return forensic;
    }

    /**
     * Adds a member; a role change is asked first (docs/web.md, "Actions that ask first"): saving a
     * person who is a member in another role answers the question, whose form sends {@code from}, the
     * role they had, and only then is the role changed ({@code member.changed}); saving them in the
     * role they have changes nothing and says so.
     */
    @PostMapping("/incidents/{id}/members")
    @Guard(Action.MEMBERS_CHANGE)
    String putMember(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String username,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(name = FormTokens.PARAM, required = false) @Nullable String formToken,
            HttpServletRequest request,
            Model model) {
        return FormTokens.once(request, formToken, () -> putMember(access, id, username, role, from, formToken, model));
    }

    private String putMember(
            Access access,
            String id,
            @Nullable String username,
            @Nullable String role,
            @Nullable String from,
            @Nullable String formToken,
            Model model) {
        Role r = role("role", role);
        if (username == null || username.isBlank()) {
            throw DomainException.unprocessable("bad-username", "username: required");
        }
        String u = username.strip();
        String members = "redirect:/incidents/" + id + "/members";
        String encoded = java.net.URLEncoder.encode(u, java.nio.charset.StandardCharsets.UTF_8);
        if (from != null && !from.isBlank()) {
            // confirmed: changed only if they still have the role the question named
            Role had = role("from", from);
            memberships.put(id, u, r, access.username(), had);
            return members + "?changed=" + encoded;
        }
        java.util.Optional<Memberships.Member> member = memberships.members(id).stream()
                .filter(m -> m.username().equals(u))
                .findFirst();
        if (member.isEmpty()) {
            memberships.put(id, u, r, access.username(), null);
            return members;
        }
        if (member.get().role() == r) {
            return members + "?unchanged=" + encoded;
        }
        return confirmRoleChange(access, id, member.get(), r, formToken, model);
    }

    private static Role role(String field, @Nullable String value) {
        try {
            return Role.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable("bad-role", field + ": must be one of " + List.of(Role.values()));
        }
    }

    /**
     * The question before a member's role changes: from which role to which, what they lose (a
     * responder's grants), and that the last commander keeps the role. Its form carries the same
     * one-time token as the form that led here (not spent: nothing was recorded), so confirming twice
     * leads to the first result.
     */
    private String confirmRoleChange(
            Access access, String id, Memberships.Member member, Role to, @Nullable String formToken, Model model) {
        String u = member.username();
        ZoneId zone = ZoneOffset.UTC;
        if (access.caller().member()) {
            zone = header(access, id, model, "members").timeZone();
        } else {
            model.addAttribute("incidentId", id);
        }
        List<String> consequences = new ArrayList<>();
        consequences.add(u + " has been " + member.role() + " since " + new Times().show(member.addedAt(), zone)
                + " (by " + member.addedBy() + "). From their next request they may do what " + to
                + " may, and no longer what only " + member.role() + " may.");
        long grants = memberships.grants(id).stream()
                .filter(g -> g.username().equals(u))
                .count();
        if (member.role() == Role.RESPONDER && grants > 0) {
            consequences.add("Every grant of FORENSIC evidence they hold is revoked (" + grants
                    + (grants == 1 ? " grant" : " grants") + ").");
        }
        consequences.add("The ledger records the change (member.changed), with the role they had.");
        long commanders = memberships.members(id).stream()
                .filter(m -> m.role() == Role.INCIDENT_COMMANDER)
                .count();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", u);
        fields.put("role", to.name());
        fields.put("from", member.role().name());
        if (formToken != null && !formToken.isBlank()) {
            fields.put(FormTokens.PARAM, formToken);
        }
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "Change " + u + "'s role? · Members",
                        "Change " + u + "'s role from " + member.role() + " to " + to + "?",
                        consequences,
                        "/incidents/" + id + "/members",
                        fields,
                        "Change " + u + "'s role to " + to,
                        "/incidents/" + id + "/members",
                        "Keep " + member.role(),
                        member.role() == Role.INCIDENT_COMMANDER && commanders == 1
                                ? u + " is the only incident commander: an incident always keeps one, so the change"
                                        + " is refused until another member commands it."
                                : null));
        return Confirmation.VIEW;
    }

    /**
     * The confirmation of a removal (docs/web.md): who is removed, in which role, and what they
     * lose; its form alone removes. Works without script.
     */
    @GetMapping("/incidents/{id}/members/{username}/removal")
    @Guard(Action.MEMBERS_CHANGE)
    String confirmRemoval(Access access, @PathVariable String id, @PathVariable String username, Model model) {
        Memberships.Member member = memberships.members(id).stream()
                .filter(m -> m.username().equals(username))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("member", username + " of incident " + id));
        if (access.caller().member()) {
            header(access, id, model, "members");
        } else {
            model.addAttribute("incidentId", id);
            model.addAttribute("zone", ZoneOffset.UTC);
        }
        model.addAttribute("member", member);
        model.addAttribute("self", member.username().equals(access.username()));
        return "incidents/remove-member";
    }

    /** Removes the member once confirmed ({@code confirm=yes}); without it, the confirmation page. */
    @PostMapping("/incidents/{id}/members/{username}/removal")
    @Guard(Action.MEMBERS_CHANGE)
    String removeMember(
            Access access,
            @PathVariable String id,
            @PathVariable String username,
            @RequestParam(required = false) @Nullable String confirm,
            Model model) {
        if (!"yes".equals(confirm)) {
            return confirmRemoval(access, id, username, model);
        }
        memberships.remove(id, username, access.username());
        if (username.equals(access.username()) && !access.caller().admin()) {
            return "redirect:/incidents"; // no longer a member: the incident's pages are not theirs now
        }
        return "redirect:/incidents/" + id + "/members?removed="
                + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/incidents/{id}/grants")
    @Guard(Action.GRANTS_CHANGE)
    String grant(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String username,
            @RequestParam(required = false) @Nullable String evidence) {
        if (username == null || username.isBlank()) {
            throw DomainException.unprocessable("bad-username", "username: required");
        }
        // the form always sends the field, empty for "every FORENSIC item": left out, it grants nothing
        if (evidence == null) {
            throw DomainException.unprocessable(
                    "missing-evidence",
                    "evidence: required: a FORENSIC item, or empty for every FORENSIC item of the incident");
        }
        memberships.grant(id, username.strip(), evidence.isBlank() ? null : evidence.strip(), actor.username());
        return "redirect:/incidents/" + id + "/members";
    }

    /**
     * The question before a grant is revoked (docs/web.md, "Actions that ask first"): whose grant,
     * of which item by its name (only LEGAL changes grants, who reads every FORENSIC item), and
     * what they lose. Its form alone revokes.
     */
    @GetMapping("/incidents/{id}/grants/{grantId}/revocation")
    @Guard(Action.GRANTS_CHANGE)
    String confirmRevocation(Access access, @PathVariable String id, @PathVariable String grantId, Model model) {
        Memberships.Grant grant = memberships.grants(id).stream()
                .filter(g -> g.id().equals(grantId))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("grant", grantId + " in incident " + id));
        header(access, id, model, "members");
        String items = grant.evidence() == null
                ? "every FORENSIC item of this incident"
                : forensicNames(id).getOrDefault(grant.evidence(), "FORENSIC item " + grant.evidence());
        String path = "/incidents/" + id + "/grants/" + grantId + "/revocation";
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "Revoke the grant to " + grant.username() + "? · Members",
                        "Revoke " + grant.username() + "'s grant of " + items + "?",
                        List.of(
                                grant.username() + " (RESPONDER) may no longer read " + items
                                        + " from their next request, unless another grant covers it.",
                                "What they recorded stays in the ledger; the revocation is recorded there too"
                                        + " (grant.revoked). To give them the reading again, grant it anew."),
                        path,
                        Map.of(),
                        "Revoke the grant",
                        "/incidents/" + id + "/members",
                        "Keep it",
                        null));
        return Confirmation.VIEW;
    }

    /** Revokes the grant once confirmed ({@code confirm=yes}); without it, the question again. */
    @PostMapping("/incidents/{id}/grants/{grantId}/revocation")
    @Guard(Action.GRANTS_CHANGE)
    String revoke(
            Access access,
            @PathVariable String id,
            @PathVariable String grantId,
            @RequestParam(name = Confirmation.CONFIRM, required = false) @Nullable String confirm,
            Model model) {
        if (!Confirmation.confirmed(confirm)) {
            return confirmRevocation(access, id, grantId, model);
        }
        memberships.revoke(id, grantId, access.username());
        return "redirect:/incidents/" + id + "/members";
    }

    private Incident header(Access access, String id, Model model, String tab) {
        return header.fill(access, id, model, tab);
    }

    private List<StoredObligation> nextDeadlines(String id, int n) {
        return header.nextDeadlines(id, n);
    }
}
