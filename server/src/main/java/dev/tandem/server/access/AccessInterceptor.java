package dev.tandem.server.access;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.identity.Actor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Asks {@link AccessPolicy} before every handler runs: reads the handler's {@link Guard}, resolves
 * the incident from the path (evidence, job and obligation ids are looked up first), loads the
 * caller's role and grants there, and either stores the permitted {@link Access} for the handler or
 * refuses. A handler without a {@link Guard} is refused: nothing is permitted by default.
 */
@Component
class AccessInterceptor implements HandlerInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AccessInterceptor.class);
    static final String ATTRIBUTE = Access.class.getName();

    private final JdbcTemplate jdbc;
    private final Memberships memberships;

    AccessInterceptor(JdbcTemplate jdbc, Memberships memberships) {
        this.jdbc = jdbc;
        this.memberships = memberships;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.ERROR || !(handler instanceof HandlerMethod method)) {
            return true; // error pages render the original request's outcome; other handlers are not API
        }
        Guard guard = method.getMethodAnnotation(Guard.class);
        if (guard == null) {
            if (BasicErrorController.class.isAssignableFrom(method.getBeanType())) {
                return true;
            }
            log.error("{} has no @Guard: refused (every endpoint needs an access rule)", method);
            throw AccessDenied.forbidden("no access rule covers this endpoint");
        }
        Action action = guard.value();
        if (action.isPublic()) {
            return true;
        }
        Actor actor = actor();
        Resolved r = resolve(action, variables(request), request, actor);
        Caller caller = r.resource().incident() == null
                ? Caller.outside(
                        actor.username(),
                        actor.admin(),
                        action.target() == Target.INSTALLATION
                                ? memberships.rolesOf(actor.username()).values()
                                : List.of())
                : memberships.caller(
                        actor.username(), actor.admin(), r.resource().incident());
        Decision decision = AccessPolicy.decide(caller, action, r.resource());
        if (!(decision instanceof Decision.Permit)) {
            throw AccessDenied.of(decision, r.what(), r.id());
        }
        if (r.unreadable() != null) {
            // refused as input only once the caller may know the incident and act on it
            throw r.unreadable();
        }
        request.setAttribute(ATTRIBUTE, new Access(caller, r.resource()));
        return true;
    }

    /**
     * @param unreadable a parameter the policy would decide on but that names nothing (an upload's
     *     repository): the caller permitted on their role alone gets this 422, never a decision
     *     as if the parameter were absent
     */
    private record Resolved(
            Resource resource,
            String what,
            String id,
            @Nullable DomainException unreadable) {
        Resolved(Resource resource, String what, String id) {
            this(resource, what, id, null);
        }
    }

    private Resolved resolve(Action action, Map<String, String> vars, HttpServletRequest request, Actor actor) {
        return switch (action.target()) {
            case INSTALLATION -> new Resolved(Resource.INSTALLATION, "", "");
            case USER -> {
                // a path without {username} (the account pages) names the caller themself
                String user = vars.containsKey("username") ? variable(vars, "username") : actor.username();
                yield new Resolved(Resource.user(user), "user", user);
            }
            case INCIDENT -> {
                String id = incidentOf(vars, request, action, actor);
                if (!exists("SELECT COUNT(*) FROM incident WHERE id = ?", id)) {
                    throw AccessDenied.hidden("incident", id);
                }
                // An upload's repository, read as the handler reads it for the item it stores. A
                // form names it in its body: decided on the role now, the handler asks again.
                String asked = action == Action.EVIDENCE_ADD ? request.getParameter(UploadRepository.PARAMETER) : null;
                Repository repository = null;
                DomainException unreadable = null;
                if (asked != null) {
                    try {
                        repository = UploadRepository.parse(asked);
                    } catch (DomainException e) {
                        unreadable = e;
                    }
                }
                yield new Resolved(Resource.upload(id, repository), "incident", id, unreadable);
            }
            case EVIDENCE -> {
                String id = variable(vars, "id");
                List<Map<String, Object>> row =
                        jdbc.queryForList("SELECT incident_id, repository FROM evidence WHERE id = ?", id);
                if (row.isEmpty()) {
                    throw AccessDenied.hidden("evidence", id);
                }
                yield new Resolved(
                        Resource.evidence(
                                row.getFirst().get("incident_id").toString(),
                                id,
                                Repository.valueOf(
                                        row.getFirst().get("repository").toString())),
                        "evidence",
                        id);
            }
            case JOB -> {
                String id = variable(vars, "id");
                String what = request.getRequestURI().contains("/analyses/") ? "analysis" : "job";
                List<Map<String, Object>> row =
                        jdbc.queryForList("SELECT incident_id, requested_by FROM job WHERE id = ?", id);
                // a job of the installation (the vault check) is read at its own path, by administrators
                if (row.isEmpty() || row.getFirst().get("incident_id") == null) {
                    throw AccessDenied.hidden(what, id);
                }
                yield new Resolved(
                        Resource.job(
                                row.getFirst().get("incident_id").toString(),
                                row.getFirst().get("requested_by").toString()),
                        what,
                        id);
            }
            case CHANGE -> {
                String id = variable(vars, "id");
                yield new Resolved(
                        Resource.incident(
                                incidentOf("SELECT incident_id FROM change_request WHERE id = ?", id, "change")),
                        "change",
                        id);
            }
            case EVIDENCE_REQUEST -> {
                String id = variable(vars, "id");
                yield new Resolved(
                        Resource.incident(incidentOf(
                                "SELECT incident_id FROM evidence_request WHERE id = ?", id, "evidence request")),
                        "evidence request",
                        id);
            }
            case OBLIGATION -> {
                String id = variable(vars, "id");
                yield new Resolved(
                        Resource.incident(
                                incidentOf("SELECT incident_id FROM obligation WHERE id = ?", id, "obligation")),
                        "obligation",
                        id);
            }
        };
    }

    /**
     * The incident a path names: {@code {incidentId}} or {@code {id}}, or for a collection outside
     * incidents (the control test register) the {@code incident} query parameter; without it, the
     * one incident on which the caller may take the action (an audit liaison of one incident posts
     * the register as docs/contracts.md §3 shows it, without naming the incident).
     */
    private String incidentOf(Map<String, String> vars, HttpServletRequest request, Action action, Actor actor) {
        if (vars.containsKey("incidentId")) {
            return variable(vars, "incidentId");
        }
        if (vars.containsKey("id")) {
            return variable(vars, "id");
        }
        String param = request.getParameter("incident");
        if (param != null && !param.isBlank()) {
            return param;
        }
        List<String> candidates = permittedIncidents(action, actor);
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        String detail = "incident: name the incident (query parameter incident=<id>)";
        if (!candidates.isEmpty()) {
            List<String> shown = candidates.subList(0, Math.min(candidates.size(), MAX_NAMED_CANDIDATES));
            detail += "; you may do this on " + candidates.size() + " incidents: " + String.join(", ", shown)
                    + (candidates.size() > shown.size() ? ", …" : "");
        }
        throw DomainException.unprocessable("incident-required", detail);
    }

    private static final int MAX_NAMED_CANDIDATES = 10;

    /**
     * The incidents, in the order they were opened, on which the policy permits {@code action} to
     * the caller: those they are a member of, or every incident for an administrator. Only incidents
     * the caller could name anyway are ever listed back.
     */
    private List<String> permittedIncidents(Action action, Actor actor) {
        List<String> ids = actor.admin()
                ? jdbc.queryForList("SELECT id FROM incident ORDER BY created_at, id", String.class)
                : jdbc.queryForList(
                        "SELECT i.id FROM incident i JOIN incident_member m ON m.incident_id = i.id"
                                + " WHERE m.username = ? ORDER BY i.created_at, i.id",
                        String.class,
                        actor.username());
        List<String> permitted = new java.util.ArrayList<>();
        for (String id : ids) {
            Caller c = memberships.caller(actor.username(), actor.admin(), id);
            if (AccessPolicy.decide(c, action, Resource.incident(id)) instanceof Decision.Permit) permitted.add(id);
        }
        return permitted;
    }

    private String incidentOf(String sql, String id, String what) {
        List<String> found = jdbc.queryForList(sql, String.class, id);
        if (found.isEmpty()) {
            throw AccessDenied.hidden(what, id);
        }
        return found.getFirst();
    }

    private boolean exists(String sql, String id) {
        Integer n = jdbc.queryForObject(sql, Integer.class, id);
        return n != null && n > 0;
    }

    private static Actor actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor a) {
            return a;
        }
        // The security filters let no unauthenticated request reach a guarded handler.
        throw new IllegalStateException("a guarded handler was reached without an authenticated caller");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return vars instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    private static String variable(Map<String, String> vars, String name) {
        @Nullable String v = vars.get(name);
        if (v == null) {
            throw new IllegalStateException("the path has no {" + name + "} for the access check");
        }
        return v;
    }
}
