package dev.tandem.server.regulation;

import dev.tandem.regulation.notice.Art33Notice;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Resource;
import dev.tandem.server.access.UploadRepository;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.incident.Timeline;
import dev.tandem.server.incident.TimelineQuery;
import dev.tandem.server.web.Times;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * The obligations page of an incident (docs/web.md): each obligation with exactly the fields the API
 * gives the caller ({@link ObligationViews}, the same code as {@code GET
 * /api/v1/incidents/{id}/obligations}) and the scope in force ({@link ScopeViews}, as {@code GET
 * …/scope}); where the policy permits, the forms to set the scope, the awareness and the facts,
 * assign an owner, change the status, record a judgement, and edit and send the GDPR Art. 33
 * notice and the UK GDPR one, each where its law applies (ADR 145, 149). Forms post and redirect (no script
 * needed); with htmx the status form swaps its obligation in place.
 */
@WebPages
class ObligationPages {
    private static final String PAGE_PATH = "/incidents/{id}/notices/" + NoticeDrafts.GDPR_ART33;
    private static final String UK_PAGE_PATH = "/incidents/{id}/notices/" + NoticeDrafts.UK_GDPR_ART33;

    private final Obligations obligations;
    private final ObligationViews views;
    private final NoticeDrafts notices;
    private final Memberships memberships;
    private final Vault vault;
    private final IncidentHeader header;
    private final ScopeViews scopes;
    private final Timeline timeline;

    ObligationPages(
            Obligations obligations,
            ObligationViews views,
            NoticeDrafts notices,
            Memberships memberships,
            Vault vault,
            IncidentHeader header,
            ScopeViews scopes,
            Timeline timeline) {
        this.obligations = obligations;
        this.timeline = timeline;
        this.views = views;
        this.scopes = scopes;
        this.notices = notices;
        this.memberships = memberships;
        this.vault = vault;
        this.header = header;
    }

    @GetMapping("/incidents/{id}/obligations")
    @Guard(Action.OBLIGATIONS_READ)
    String page(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "obligations");
        model.addAttribute("view", views.asMap(views.list(access, id)));
        // the scope in force as GET …/scope answers the caller: who set it, when, and on what evidence
        ScopeViews.Answer scope = permitted(access, Action.SCOPE_READ, id) ? scopes.read(id, access) : null;
        ScopeViews.Shown shown = scope instanceof ScopeViews.Shown s ? s : null;
        model.addAttribute("scopeInForce", shown);
        if (permitted(access, Action.SCOPE_CHANGE, id)) {
            model.addAttribute("categories", ScopeForm.categories());
            if (!model.containsAttribute("scopeForm")) {
                // a scope resting on FORENSIC evidence is not put in the form: sent again unchanged, it
                // would become a person's scope, which the responder and the liaison read; its counts are
                // shown beside the form for reference, and the person types what counsel has cleared
                boolean forensic = shown != null && shown.restsOnForensic();
                model.addAttribute("scopeForm", shown == null || forensic ? ScopeForm.empty() : ScopeForm.of(shown));
                if (forensic) {
                    model.addAttribute("forensicScope", ScopeForm.of(shown));
                }
            }
        }
        boolean insider = permitted(access, Action.JUDGEMENTS_READ, id);
        if (insider) {
            model.addAttribute(
                    "judgements", views.asMap(views.judgements(access, id)).get("judgements"));
            model.addAttribute("questions", obligations.questions());
        }
        if (permitted(access, Action.NOTICE_READ, id)) {
            // each notice where its law applies (ADR 149); an absent one is named with the reason
            List<NoticeSection> sections = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            for (Art33Notice which : Art33Notice.values()) {
                String why = absence(which, id);
                if (why == null) {
                    sections.add(noticeSection(which, id, access));
                } else {
                    absent.add(why);
                }
            }
            model.addAttribute("noticeSections", sections);
            model.addAttribute("noticesAbsent", absent);
        }
        if (permitted(access, Action.OBLIGATION_CHANGE, id)) {
            model.addAttribute("members", memberships.members(id));
        }
        if (permitted(access, Action.OBLIGATION_CHANGE, id) || permitted(access, Action.NOTICE_CHANGE, id)) {
            // the filing evidence of the status form and of the notices' follow-up form
            model.addAttribute("evidence", vault.ofIncident(id));
        }
        model.addAttribute("statuses", List.of("PENDING", "FILED", "NOT_REQUIRED"));
        return "obligations/obligations";
    }

    /**
     * Why the page shows no section for {@code which}, in one line, or null when it shows one: its
     * law does not apply to the scope ({@link NoticeDrafts#notApplicable}); before a scope is set,
     * the UK GDPR one waits for it unless the company is established in the UK (the GDPR one is
     * shown, as it always was, its count a gap).
     */
    private @Nullable String absence(Art33Notice which, String id) {
        var why = notices.notApplicable(which, id);
        if (why.isPresent()) {
            return "No " + which.title() + "(3) notice: " + why.get() + ".";
        }
        boolean unscoped = obligations.scopeOf(id).isEmpty();
        if (unscoped
                && which != Art33Notice.EU_GDPR
                && !which.establishedIn(
                        obligations.company().established(),
                        obligations.engine().ruleBook().regions())) {
            return "No " + which.title() + "(3) notice yet: no scope is set, and the company is not established"
                    + " in the " + which.territory() + "; it appears once the scope counts people there.";
        }
        return null;
    }

    /**
     * One Art. 33 notice's section of the page: the notice (or why no draft can be made: no awareness
     * time yet), the text its form is opened on ({@code base}, If-Match as the API), its versions and the
     * gaps sending it now would be refused for. Its element ids are the GDPR one's prefixed by {@link
     * #prefix()}, so both sections fit on one page.
     */
    record NoticeSection(
            Art33Notice which,
            NoticeDrafts.@Nullable Notice notice,
            @Nullable String tag,
            List<NoticeDrafts.Version> versions,
            List<String> gaps,
            @Nullable String problem,
            @Nullable FollowUp followUp) {
        public String prefix() {
            return ObligationPages.prefix(which);
        }
    }

    /**
     * The notice's Art. 33(4) follow-up, once the notice went incomplete (ADR 154): the obligation it
     * files, the gaps it owes (none named when they stay with a privileged {@code notice.sent}), when
     * the notice went ({@code since}) and, once recorded, when the follow-up was sent, the evidence item
     * that keeps it and its {@code notice.follow-up-sent} entry (null when the caller cannot read it).
     */
    record FollowUp(
            StoredObligation obligation,
            List<String> gaps,
            @Nullable Instant since,
            @Nullable Instant sentAt,
            @Nullable Long ledgerIndex) {
        public boolean pending() {
            return obligation.status() == Lifecycle.Status.PENDING;
        }
    }

    /** "" for the GDPR notice (its ids as before), "uk-" for the UK GDPR one. */
    static String prefix(Art33Notice which) {
        return which == Art33Notice.EU_GDPR ? "" : "uk-";
    }

    private NoticeSection noticeSection(Art33Notice which, String id, Access access) {
        try {
            NoticeDrafts.Notice notice = notices.readableCurrent(which, id, access);
            return new NoticeSection(
                    which,
                    notice,
                    NoticeDrafts.sha256(notice.markdown()),
                    notices.versions(which, id),
                    notices.gaps(which, id, access),
                    null,
                    followUp(which, id, access));
        } catch (DomainException e) {
            // no awareness time yet: the draft cannot be made; the page says why
            return new NoticeSection(which, null, null, List.of(), List.of(), e.getMessage(), null);
        }
    }

    /** The notice's Art. 33(4) follow-up, or null when none is owed (the notice not sent incomplete). */
    private @Nullable FollowUp followUp(Art33Notice which, String id, Access access) {
        StoredObligation owed = obligations.ofIncident(id).stream()
                .filter(o -> which.isPhasesRule(o.ruleId()) && o.placement() == StoredObligation.Placement.OWED)
                .findFirst()
                .orElse(null);
        if (owed == null) {
            return null;
        }
        var incomplete = obligations.incompleteNotices(id).get(which.rule());
        Long index = null;
        if (owed.status() == Lifecycle.Status.FILED) {
            var q = new TimelineQuery(
                    TimelineQuery.Order.AT, Set.of(), Set.of("notice.follow-up-sent"), null, null, null, null);
            for (Timeline.Entry e : timeline.read(id, q, access.caller())) {
                JsonNode body = e.opened() != null ? e.opened() : e.body();
                if (owed.id().equals(body.path("obligation").asString(null))) {
                    index = e.index();
                }
            }
        }
        return new FollowUp(
                owed,
                incomplete == null ? List.of() : incomplete.gaps(),
                obligations.noticesSent(id).get(which.rule()),
                owed.sentAt(),
                index);
    }

    @PostMapping("/obligations/{id}/owner")
    @Guard(Action.OBLIGATION_CHANGE)
    String owner(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String owner,
            Model model,
            HttpServletResponse response) {
        StoredObligation o = obligations.obligation(id);
        try {
            obligations.assignOwner(id, owner == null || owner.isBlank() ? null : owner.strip(), access.username());
        } catch (DomainException e) {
            return refused(access, o, e, "owner", Map.of("owner", owner == null ? "" : owner), model, response);
        }
        return "redirect:/incidents/" + o.incidentId() + "/obligations#obligation-" + id;
    }

    @PostMapping("/obligations/{id}/status")
    @Guard(Action.OBLIGATION_CHANGE)
    String status(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        StoredObligation o = obligations.obligation(id);
        try {
            Lifecycle.Status target = ObligationInput.status(form.get("status"));
            CounselDecisions.status(access, o.incidentId(), target);
            String justification = blankToNull(form.get("justification"));
            ObligationInput.justification(justification);
            OffsetDateTime sent = formTime(
                    form.get("sentAt"), obligations.incident(o.incidentId()).timeZone(), "sentAt", "bad-sent-at");
            obligations.changeStatus(
                    id,
                    target,
                    blankToNull(form.get("evidence")),
                    justification,
                    checked(form.get("privileged")),
                    target == Lifecycle.Status.FILED && sent != null ? sent.toInstant() : null,
                    access.username());
        } catch (DomainException e) {
            return refused(access, o, e, "status", form, model, response);
        }
        return "redirect:/incidents/" + o.incidentId() + "/obligations#obligation-" + id;
    }

    @PostMapping("/incidents/{id}/judgements")
    @Guard(Action.JUDGEMENT_RECORD)
    String judge(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        try {
            ObligationInput.Judgement j =
                    ObligationInput.judgement(form.get("question"), form.get("answer"), form.get("reason"));
            CounselDecisions.judgement(access, obligations, id, j.question(), j.answer());
            OffsetDateTime decided =
                    formTime(form.get("decidedAt"), obligations.incident(id).timeZone(), "decidedAt", "bad-decided-at");
            obligations.recordJudgement(
                    id,
                    j.question(),
                    j.answer(),
                    j.reason(),
                    decided == null ? null : decided.toInstant(),
                    checked(form.get("privileged")),
                    access.username());
        } catch (DomainException e) {
            return again(
                    access, id, e, model, response, Map.of("judgementError", e.getMessage(), "judgementDraft", form));
        }
        return "redirect:/incidents/" + id + "/obligations#judgements";
    }

    /**
     * A form's date and time field, read in {@code zone} (empty: null); one it cannot read is 422
     * {@code code} naming the field, as the API answers it.
     */
    private static @Nullable OffsetDateTime formTime(
            @Nullable String value, java.time.ZoneId zone, String field, String code) {
        try {
            return Times.fromForm(value, zone, field);
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable(code, e.getMessage());
        }
    }

    /**
     * When the company became aware, as {@code PUT /api/v1/incidents/{id}/awareness}: a time in the
     * incident's zone and the reason for setting or correcting it.
     */
    @PostMapping("/incidents/{id}/awareness")
    @Guard(Action.SCOPE_CHANGE)
    String awareness(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        var incident = obligations.incident(id);
        try {
            OffsetDateTime aware = formTime(form.get("awareAt"), incident.timeZone(), "awareAt", "bad-aware-at");
            if (aware == null) {
                throw DomainException.unprocessable("bad-aware-at", "awareAt: give the date and time");
            }
            obligations.setAwareness(
                    id,
                    aware.toInstant(),
                    form.getOrDefault("reason", ""),
                    access.username(),
                    CounselDecisions.mayMoveAwarenessLater(access, id));
        } catch (DomainException e) {
            return again(
                    access, id, e, model, response, Map.of("awarenessError", e.getMessage(), "awarenessDraft", form));
        }
        return "redirect:/incidents/" + id + "/obligations#awareness";
    }

    /**
     * The incident's facts that move legal clocks, as {@code PUT /api/v1/incidents/{id}/facts}: the
     * determination time in the incident's zone (empty: not determined) and the cause.
     */
    @PostMapping("/incidents/{id}/facts")
    @Guard(Action.SCOPE_CHANGE)
    String facts(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        var incident = obligations.incident(id);
        try {
            OffsetDateTime determined =
                    formTime(form.get("determinedAt"), incident.timeZone(), "determinedAt", "bad-determined-at");
            IncidentFacts facts = new IncidentFacts(
                    determined == null ? null : determined.toInstant(), checked(form.get("unauthorizedAccess")));
            obligations.checkFacts(id, facts);
            CounselDecisions.facts(access, obligations, id, facts);
            obligations.setFacts(id, facts, access.username());
        } catch (DomainException e) {
            return again(access, id, e, model, response, Map.of("factsError", e.getMessage(), "factsDraft", form));
        }
        return "redirect:/incidents/" + id + "/obligations#facts";
    }

    /**
     * Who was affected and which data, as {@code PUT /api/v1/incidents/{id}/scope} (the same
     * {@link Obligations#updateScope(String, Scope, String)}: a person's scope, with no ceiling): the
     * people per jurisdiction in the CLI's {@code --subjects} syntax, the data categories ticked, and
     * whether the data were encrypted. A refused field is 422 naming it, the form as typed, nothing
     * written.
     */
    @PostMapping("/incidents/{id}/scope")
    @Guard(Action.SCOPE_CHANGE)
    String scope(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String subjects,
            @RequestParam(required = false) @Nullable List<String> data,
            @RequestParam(required = false) @Nullable String encrypted,
            @RequestParam(required = false) @Nullable String basedOn,
            Model model,
            HttpServletResponse response) {
        obligations.incident(id);
        ScopeForm form = ScopeForm.posted(subjects, data, checked(encrypted));
        try {
            // read before the service is called: a refused field writes nothing
            Scope scope = form.scope();
            CounselDecisions.scope(access, obligations, id, scope);
            // the page sends the scope it showed (empty: none); a post without it is not checked
            Long shownAt = basedOn == null ? null : basedOn.isBlank() ? Long.valueOf(-1) : ScopeForm.basedOn(basedOn);
            obligations.updateScope(id, access.username(), (current, ceiling) -> {
                // the scope the person saw is still the one in force: a scan, or another person, that
                // changed it meanwhile is not overwritten unseen
                long inForce = current.map(Obligations.StoredScope::ledgerIndex).orElse(-1L);
                if (shownAt != null && inForce != shownAt) {
                    throw DomainException.conflict(
                            "scope-changed",
                            "Scope changed",
                            "the scope was changed (ledger entry #" + inForce + ") after this page showed it"
                                    + (shownAt < 0 ? " (none)" : " (#" + shownAt + ")")
                                    + ": review the scope in force and send yours again");
                }
                return new Obligations.ScopeChange(scope, java.util.Set.of(), null);
            });
        } catch (ScopeForm.Invalid e) {
            var refused = Map.of("scopeError", e.getMessage(), "scopeErrorField", e.field(), "scopeForm", form);
            return again(
                    access, id, DomainException.unprocessable("bad-scope", e.getMessage()), model, response, refused);
        } catch (DomainException e) {
            var refused = Map.of("scopeError", e.getMessage(), "scopeErrorField", "", "scopeForm", form);
            return again(access, id, e, model, response, refused);
        }
        return "redirect:/incidents/" + id + "/obligations#scope-heading";
    }

    @PostMapping({PAGE_PATH, UK_PAGE_PATH})
    @Guard(Action.NOTICE_CHANGE)
    String editNotice(
            Access access,
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String text,
            @RequestParam(required = false) @Nullable String base,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Art33Notice which = NoticePaths.notice(request);
        String anchor = "#" + prefix(which) + "notice";
        try {
            // the same edit as PUT …/notices/{notice} with If-Match: a new version, nothing
            // overwritten, and only over the text the form was opened on (a form without it: any)
            NoticeDrafts.IfMatch opened =
                    base == null || base.isBlank() ? null : new NoticeDrafts.IfMatch(false, List.of(base.strip()));
            NoticeDrafts.Notice saved =
                    notices.edit(which, id, text == null ? "" : text, access.username(), opened, access);
            redirect.addFlashAttribute("noticeSaved", saved.version());
            redirect.addFlashAttribute("noticeTitle", which.title());
        } catch (DomainException e) {
            return again(
                    access,
                    id,
                    e,
                    model,
                    response,
                    Map.of(
                            "noticeError",
                            e.code().equals("notice-changed")
                                    ? "The notice changed while you edited it (someone saved a version, or the"
                                            + " generated draft changed); nothing was saved. Your text is kept below:"
                                            + " compare it with the versions listed, and save again to store it as the"
                                            + " next version."
                                    : e.getMessage(),
                            "noticeDraft",
                            text == null ? "" : text,
                            "noticeFor",
                            which.id()));
        }
        return "redirect:/incidents/" + id + "/obligations" + anchor;
    }

    @PostMapping({PAGE_PATH + "/sent", UK_PAGE_PATH + "/sent"})
    @Guard(Action.NOTICE_CHANGE)
    String sendNotice(
            Access access,
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String jurisdiction,
            @RequestParam(required = false) @Nullable String sentAt,
            @RequestParam(required = false) @Nullable String incomplete,
            @RequestParam(required = false) @Nullable String repository,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        Art33Notice which = NoticePaths.notice(request);
        String anchor = "#" + prefix(which) + "notice";
        try {
            OffsetDateTime sent = formTime(sentAt, obligations.incident(id).timeZone(), "sentAt", "bad-sent-at");
            NoticeDrafts.Sent sentNotice = notices.send(
                    which,
                    id,
                    blankToNull(jurisdiction),
                    sent == null ? null : sent.toInstant(),
                    checked(incomplete),
                    blankToNull(repository) == null ? null : UploadRepository.parse(repository),
                    access.username());
            redirect.addFlashAttribute("noticeSent", sentNotice.evidence());
            redirect.addFlashAttribute("noticeTitle", which.title());
        } catch (DomainException e) {
            return again(access, id, e, model, response, Map.of("sendError", e.getMessage(), "noticeFor", which.id()));
        }
        return "redirect:/incidents/" + id + "/obligations" + anchor;
    }

    /**
     * The Art. 33(4) follow-up recorded as sent, as {@code POST /api/v1/incidents/{id}/notices/{notice}/follow-up}:
     * the evidence item chosen from the incident's, sent at a time in the incident's zone (empty: now).
     */
    @PostMapping({PAGE_PATH + "/follow-up", UK_PAGE_PATH + "/follow-up"})
    @Guard(Action.NOTICE_CHANGE)
    String followUpNotice(
            Access access,
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String evidence,
            @RequestParam(required = false) @Nullable String sentAt,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Art33Notice which = NoticePaths.notice(request);
        String anchor = "#" + prefix(which) + "follow-up";
        try {
            OffsetDateTime sent = formTime(sentAt, obligations.incident(id).timeZone(), "sentAt", "bad-sent-at");
            NoticeDrafts.FollowUp recorded = notices.followUp(
                    which,
                    id,
                    evidence == null ? "" : evidence.strip(),
                    sent == null ? null : sent.toInstant(),
                    access.username());
            redirect.addFlashAttribute("followUpRecorded", recorded.ledgerIndex());
            redirect.addFlashAttribute("noticeTitle", which.title());
        } catch (DomainException e) {
            return again(
                    access,
                    id,
                    e,
                    model,
                    response,
                    Map.of(
                            "followUpError",
                            e.getMessage(),
                            "followUpDraft",
                            Map.of(
                                    "evidence",
                                    evidence == null ? "" : evidence,
                                    "sentAt",
                                    sentAt == null ? "" : sentAt),
                            "noticeFor",
                            which.id()));
        }
        return "redirect:/incidents/" + id + "/obligations" + anchor;
    }

    /** A form refused for its content (422) or for the obligation's state (409): the page again, with the message. */
    private String refused(
            Access access,
            StoredObligation o,
            DomainException e,
            String form,
            Map<String, String> draft,
            Model model,
            HttpServletResponse response) {
        return again(
                access,
                o.incidentId(),
                e,
                model,
                response,
                Map.of(
                        "formError",
                        Map.of("obligation", o.id(), "form", form, "message", e.getMessage()),
                        "draft",
                        draft));
    }

    /** The page again with the refusal's status and the attributes naming what was refused; other failures go on. */
    private String again(
            Access access,
            String incident,
            DomainException e,
            Model model,
            HttpServletResponse response,
            Map<String, ?> attributes) {
        if (!formError(e)) {
            throw e;
        }
        response.setStatus(status(e));
        model.addAllAttributes(attributes);
        return page(access, incident, model);
    }

    /** A refusal the page shows beside the form, the input kept (a notice stored meanwhile among them). */
    private static boolean formError(DomainException e) {
        return e.kind() == DomainException.Kind.UNPROCESSABLE_CONTENT
                || e.kind() == DomainException.Kind.CONFLICT
                || e.kind() == DomainException.Kind.PRECONDITION_FAILED;
    }

    private static int status(DomainException e) {
        return switch (e.kind()) {
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            default -> 422;
        };
    }

    private static boolean permitted(Access access, Action action, String incident) {
        return AccessPolicy.decide(access.caller(), action, Resource.incident(incident)) instanceof Decision.Permit;
    }

    private static boolean checked(@Nullable String value) {
        return "on".equals(value) || "true".equals(value);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
