package dev.tandem.server.access;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.ledger.Appender;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.GrantAdded;
import dev.tandem.server.ledger.fact.GrantRevoked;
import dev.tandem.server.ledger.fact.MemberAdded;
import dev.tandem.server.ledger.fact.MemberChanged;
import dev.tandem.server.ledger.fact.MemberRemoved;
import dev.tandem.server.ledger.fact.ObligationAssigned;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Members of incidents and LEGAL's grants of FORENSIC items to responders (docs/contracts.md §2, "People
 * and access"). Every change is a ledger entry written with its row: {@code member.added},
 * {@code member.changed}, {@code member.removed}, {@code grant.added}, {@code grant.revoked}. A
 * member whose role changes away from RESPONDER, or who leaves, loses their grants in the same unit;
 * one who leaves, or becomes the incident's AUDITOR, no longer owns its obligations ({@code
 * obligation.assigned} to nobody, in the same unit). An incident always keeps an incident commander.
 */
@Service
public class Memberships {
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;

    Memberships(JdbcTemplate jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Member(String username, Role role, Instant addedAt, String addedBy, long ledgerIndex) {}

    public record Grant(
            String id,
            String username,
            @Nullable String evidence,
            Instant grantedAt,
            String grantedBy,
            long ledgerIndex) {}

    /** Inside the unit that opens an incident: its creator becomes its incident commander. */
    public static void addCommander(Appender ap, String incident, String username, Instant at) {
        long index = ap.record(new MemberAdded(incident, username, Role.INCIDENT_COMMANDER.name()), username);
        ap.write(
                "INSERT INTO incident_member (incident_id, username, role, added_at, added_by, ledger_index)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                incident,
                username,
                Role.INCIDENT_COMMANDER.name(),
                Timestamp.from(at),
                username,
                index);
    }

    /** The caller with their role and grants in {@code incident}. */
    public Caller caller(String username, boolean admin, String incident) {
        Optional<Role> role = roleOf(incident, username);
        if (role.isEmpty()) {
            return new Caller(username, admin, null, Caller.Grants.NONE);
        }
        return new Caller(
                username,
                admin,
                role.get(),
                role.get() == Role.RESPONDER ? grantsOf(incident, username) : Caller.Grants.NONE);
    }

    public Optional<Role> roleOf(String incident, String username) {
        return jdbc
                .queryForList(
                        "SELECT role FROM incident_member WHERE incident_id = ? AND username = ?",
                        String.class,
                        incident,
                        username)
                .stream()
                .findFirst()
                .map(Role::valueOf);
    }

    Caller.Grants grantsOf(String incident, String username) {
        boolean all = false;
        Set<String> items = new HashSet<>();
        for (var row : jdbc.queryForList(
                "SELECT evidence_id FROM forensic_grant WHERE incident_id = ? AND username = ? AND revoked_at IS NULL",
                incident,
                username)) {
            Object e = row.get("evidence_id");
            if (e == null) {
                all = true;
            } else {
                items.add(e.toString());
            }
        }
        return new Caller.Grants(all, items);
    }

    /** The incidents {@code username} is a member of, with their role in each. */
    public Map<String, Role> rolesOf(String username) {
        Map<String, Role> roles = new HashMap<>();
        jdbc.query(
                "SELECT incident_id, role FROM incident_member WHERE username = ?",
                rs -> {
                    roles.put(rs.getString(1), Role.valueOf(rs.getString(2)));
                },
                username);
        return roles;
    }

    public List<Member> members(String incident) {
        return jdbc.query(
                "SELECT username, role, added_at, added_by, ledger_index FROM incident_member WHERE incident_id = ?"
                        + " ORDER BY added_at, username",
                (rs, n) -> new Member(
                        rs.getString(1),
                        Role.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getLong(5)),
                incident);
    }

    /** Adds {@code username} with {@code role}, or changes their role; answers the membership. */
    public Member put(String incident, String username, Role role, String actor) {
        return apply(incident, username, role, actor, Optional.empty()).member();
    }

    /** A membership as a put left it, and the role the person had before it (null: they were no member). */
    public record Put(Member member, @Nullable Role previous) {}

    /**
     * As {@link #put(String, String, Role, String)}; with {@code expected} given, only if the person is
     * a member in that role now (checked in the same ledger unit as the change, {@code 409
     * member-changed} naming both roles otherwise), so that a script never replaces a role it did not
     * know of. Answers the membership with the role it replaced.
     */
    public Put putExpecting(String incident, String username, Role role, String actor, Optional<Role> expected) {
        return apply(incident, username, role, actor, expected.map(Optional::of));
    }

    /**
     * As {@link #put(String, String, Role, String)}, only if the person's membership is still what
     * the caller saw and confirmed: {@code expected} their role then, or null for no member. Checked
     * in the same ledger unit as the change, so a role someone else changed meanwhile is never
     * replaced unseen: {@code 409 member-changed}.
     */
    public Member put(String incident, String username, Role role, String actor, @Nullable Role expected) {
        return apply(incident, username, role, actor, Optional.of(Optional.ofNullable(expected)))
                .member();
    }

    private Put apply(String incident, String username, Role role, String actor, Optional<Optional<Role>> expected) {
        Instant at = now();
        return ledger.record(ap -> {
            Integer users =
                    jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username);
            if (users == null || users == 0) {
                throw DomainException.unprocessable("unknown-user", "username: no user '" + username + "'");
            }
            Optional<Role> previous = roleOf(incident, username);
            if (expected.isPresent() && !expected.get().equals(previous)) {
                throw DomainException.conflict(
                        "member-changed",
                        "Membership changed meanwhile",
                        "username: " + username + " is "
                                + previous.map(r -> r + " in incident " + incident)
                                        .orElse("no member of incident " + incident)
                                + " now, not " + expected.get().map(Role::name).orElse("a non-member")
                                + " as the change expected; nothing was changed");
            }
            if (previous.isPresent() && previous.get() == role) {
                return new Put(member(incident, username), role);
            }
            if (previous.isPresent()) {
                if (previous.get() == Role.INCIDENT_COMMANDER && commanders(incident) == 1) {
                    throw lastCommander(incident, username);
                }
                List<String> revoked = role == Role.RESPONDER ? List.of() : revokeAll(incident, username, actor, at);
                long index = ap.record(
                        new MemberChanged(
                                incident, username, role.name(), previous.get().name(), revoked),
                        actor);
                if (role == Role.AUDITOR) {
                    unassignObligations(ap, incident, username, actor);
                }
                jdbc.update(
                        "UPDATE incident_member SET role = ?, added_at = ?, added_by = ?, ledger_index = ?"
                                + " WHERE incident_id = ? AND username = ?",
                        role.name(),
                        Timestamp.from(at),
                        actor,
                        index,
                        incident,
                        username);
            } else {
                long index = ap.record(new MemberAdded(incident, username, role.name()), actor);
                jdbc.update(
                        "INSERT INTO incident_member (incident_id, username, role, added_at, added_by, ledger_index)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        incident,
                        username,
                        role.name(),
                        Timestamp.from(at),
                        actor,
                        index);
            }
            return new Put(member(incident, username), previous.orElse(null));
        });
    }

    /** Removes a member; their grants are revoked with them. */
    public void remove(String incident, String username, String actor) {
        Instant at = now();
        ledger.record(ap -> {
            Role previous = roleOf(incident, username)
                    .orElseThrow(() -> DomainException.notFound("member", username + " of incident " + incident));
            if (previous == Role.INCIDENT_COMMANDER && commanders(incident) == 1) {
                throw lastCommander(incident, username);
            }
            ap.record(
                    new MemberRemoved(incident, username, previous.name(), revokeAll(incident, username, actor, at)),
                    actor);
            unassignObligations(ap, incident, username, actor);
            jdbc.update("DELETE FROM incident_member WHERE incident_id = ? AND username = ?", incident, username);
            return null;
        });
    }

    /**
     * LEGAL lets a responder read one FORENSIC item of the incident, or all of them
     * ({@code evidence} null).
     */
    public Grant grant(String incident, String username, @Nullable String evidence, String actor) {
        Instant at = now();
        String id = Ids.next();
        return ledger.record(ap -> {
            Role role = roleOf(incident, username)
                    .orElseThrow(() -> DomainException.unprocessable(
                            "not-a-member", "username: " + username + " is not a member of incident " + incident));
            if (role != Role.RESPONDER) {
                throw DomainException.unprocessable(
                        "not-a-responder",
                        "username: " + username + " is " + role + " in this incident; grants are for responders"
                                + (role.privileged() ? " (" + role + " reads every FORENSIC item already)" : ""));
            }
            if (evidence != null) {
                List<String> repo = jdbc.queryForList(
                        "SELECT repository FROM evidence WHERE id = ? AND incident_id = ?",
                        String.class,
                        evidence,
                        incident);
                if (repo.isEmpty()) {
                    throw DomainException.unprocessable(
                            "unknown-evidence", "evidence: no item " + evidence + " in incident " + incident);
                }
                if (!repo.getFirst().equals(Repository.FORENSIC.name())) {
                    throw DomainException.unprocessable(
                            "not-forensic",
                            "evidence: item " + evidence + " is AUDIT evidence, which every member reads already");
                }
            }
            // a second grant of what a grant already covers would show twice in the list and the
            // record, and one revocation would leave the other standing
            for (Grant held : grants(incident)) {
                if (held.username().equals(username)
                        && (held.evidence() == null || held.evidence().equals(evidence))) {
                    throw DomainException.conflict(
                            "already-granted",
                            "Already granted",
                            "username: " + username + " already holds grant " + held.id() + " of "
                                    + (held.evidence() == null ? "every FORENSIC item" : "item " + held.evidence())
                                    + " in incident " + incident + "; revoke it first to grant anew");
                }
            }
            long index = ap.record(new GrantAdded(incident, id, username, evidence), actor);
            jdbc.update(
                    "INSERT INTO forensic_grant (id, incident_id, username, evidence_id, granted_at, granted_by,"
                            + " ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id,
                    incident,
                    username,
                    evidence,
                    Timestamp.from(at),
                    actor,
                    index);
            return new Grant(id, username, evidence, at, actor, index);
        });
    }

    /** Revokes a grant of this incident; 404 for a grant that is not one of its active grants. */
    public void revoke(String incident, String grantId, String actor) {
        Instant at = now();
        ledger.record(ap -> {
            List<Grant> found = jdbc.query(
                    "SELECT * FROM forensic_grant WHERE id = ? AND incident_id = ? AND revoked_at IS NULL",
                    (rs, n) -> grant(rs),
                    grantId,
                    incident);
            if (found.isEmpty()) {
                throw DomainException.notFound("grant", grantId + " in incident " + incident);
            }
            Grant g = found.getFirst();
            long index = ap.record(new GrantRevoked(incident, g.id(), g.username(), g.evidence()), actor);
            jdbc.update(
                    "UPDATE forensic_grant SET revoked_at = ?, revoked_by = ?, revoke_ledger_index = ? WHERE id = ?",
                    Timestamp.from(at),
                    actor,
                    index,
                    g.id());
            return null;
        });
    }

    /** The incident's active grants, oldest first. */
    public List<Grant> grants(String incident) {
        return jdbc.query(
                "SELECT * FROM forensic_grant WHERE incident_id = ? AND revoked_at IS NULL ORDER BY granted_at, id",
                (rs, n) -> grant(rs),
                incident);
    }

    /**
     * Inside the unit that removes {@code username} from the incident or makes them its auditor: the
     * obligations they own there get no owner, each an {@code obligation.assigned} entry naming them
     * as the previous owner. An owner acts on a deadline: a person who can no longer open the incident
     * cannot, and the auditor must stay independent of the response (the rule {@code PUT
     * /api/v1/obligations/{id}/owner} applies, docs/obligations-api.md "Owner and status").
     */
    private void unassignObligations(Appender ap, String incident, String username, String actor) {
        record Owned(String id, String rule) {}
        List<Owned> owned = jdbc.query(
                "SELECT id, rule_id FROM obligation WHERE incident_id = ? AND owner = ? ORDER BY id",
                (rs, n) -> new Owned(rs.getString("id"), rs.getString("rule_id")),
                incident,
                username);
        for (Owned o : owned) {
            ap.record(new ObligationAssigned(incident, o.id(), o.rule(), null, username), actor);
            jdbc.update("UPDATE obligation SET owner = NULL WHERE id = ?", o.id());
        }
    }

    private List<String> revokeAll(String incident, String username, String actor, Instant at) {
        List<String> revoked = new ArrayList<>();
        List<String> ids = jdbc.queryForList(
                "SELECT id FROM forensic_grant WHERE incident_id = ? AND username = ? AND revoked_at IS NULL",
                String.class,
                incident,
                username);
        for (String id : ids) {
            jdbc.update(
                    "UPDATE forensic_grant SET revoked_at = ?, revoked_by = ? WHERE id = ?",
                    Timestamp.from(at),
                    actor,
                    id);
            revoked.add(id);
        }
        return revoked;
    }

    private int commanders(String incident) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM incident_member WHERE incident_id = ? AND role = ?",
                Integer.class,
                incident,
                Role.INCIDENT_COMMANDER.name());
        return n == null ? 0 : n;
    }

    private Member member(String incident, String username) {
        return members(incident).stream()
                .filter(m -> m.username().equals(username))
                .findFirst()
                .orElseThrow();
    }

    private static DomainException lastCommander(String incident, String username) {
        return new DomainException(
                DomainException.Kind.CONFLICT,
                "last-commander",
                "Last incident commander",
                username + " is the only incident commander of incident " + incident
                        + "; make someone else INCIDENT_COMMANDER first");
    }

    private static Grant grant(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Grant(
                rs.getString("id"),
                rs.getString("username"),
                rs.getString("evidence_id"),
                rs.getTimestamp("granted_at").toInstant(),
                rs.getString("granted_by"),
                rs.getLong("ledger_index"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
