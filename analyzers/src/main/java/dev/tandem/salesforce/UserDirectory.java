package dev.tandem.salesforce;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Header;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who holds which profile and permission sets: {@code User} and {@code PermissionSetAssignment}
 * records exported as CSV (a data export, Data Loader, or {@code sf data query --result-format
 * csv}), relationship columns such as {@code Profile.Name}, {@code Assignee.Username} and
 * {@code PermissionSet.Name} included. Ids are matched on their first 15 characters: Event Log
 * Files carry 15-character ids, exports 18-character ones.
 */
public final class UserDirectory {

    /** A user record. */
    public record User(
            String id, String username, String profile, String userType, boolean active, String file, long line) {}

    /** A permission set (or group) assigned to a user. */
    public record Assignment(String userId, String username, String permissionSet, String file, long line) {}

    private final Map<String, User> byId = new HashMap<>();
    private final Map<String, User> byUsername = new HashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();

    public static boolean isUsers(Header h) {
        return h.has("Username")
                && h.has("Profile.Name", "ProfileName", "ProfileId", "Profile")
                && h.has("Id", "User ID");
    }

    public static boolean isAssignments(Header h) {
        return h.has("AssigneeId", "Assignee.Username", "Assignee.Id")
                && h.has("PermissionSetId", "PermissionSet.Name", "PermissionSetGroupId");
    }

    static String key(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }

    public void readUsers(String file, CsvTable t, Problems problems) {
        Header h = t.header();
        // a users report exported from the Reports tab names the id "User ID" (15 characters)
        int id = h.find("Id", "User ID");
        int username = h.find("Username");
        int profile = h.find("Profile.Name", "ProfileName", "Profile");
        if (profile < 0) {
            // a Data Export Service file or SELECT ... ProfileId: ids, not the names the rules know
            // administrators by; say so instead of silently finding no administrator
            problems.report(
                    file,
                    1,
                    Problem.Kind.MISSING_COLUMNS,
                    "User export with ProfileId but no Profile.Name: profiles cannot be named, so administrators"
                            + " cannot be told apart (export Profile.Name, e.g. SELECT Id, Username, Profile.Name,"
                            + " UserType, IsActive FROM User)");
        }
        int type = h.find("UserType");
        int active = h.find("IsActive", "Active");
        while (t.next()) {
            String uid = t.get(id);
            String un = t.get(username);
            if (uid.isEmpty() || un.isEmpty()) {
                int col = uid.isEmpty() ? id : username;
                problems.malformedRow(
                        file,
                        t.line(),
                        "user without " + h.names().get(col) + " (column " + (col + 1) + "): the row is not read");
                continue;
            }
            User u = new User(
                    uid, un, t.get(profile), t.get(type), active < 0 || !inactive(t.get(active)), file, t.line());
            byId.put(key(uid), u);
            byUsername.put(un.toLowerCase(Locale.ROOT), u);
        }
    }

    /** IsActive as Data Loader writes it ("false"), or a report's checkbox ("0"). */
    private static boolean inactive(String value) {
        return "false".equalsIgnoreCase(value) || "0".equals(value);
    }

    public void readAssignments(String file, CsvTable t, Problems problems) {
        Header h = t.header();
        int assignee = h.find("AssigneeId", "Assignee.Id");
        int username = h.find("Assignee.Username");
        int name = h.find("PermissionSet.Name", "PermissionSetGroup.DeveloperName", "PermissionSet.Label");
        int ownedByProfile = h.find("PermissionSet.IsOwnedByProfile");
        int namespace = h.find("PermissionSet.NamespacePrefix");
        if (name < 0) {
            problems.report(
                    file,
                    1,
                    Problem.Kind.MISSING_COLUMNS,
                    "PermissionSetAssignment export without PermissionSet.Name: permission sets cannot be named");
            return;
        }
        while (t.next()) {
            if ("true".equalsIgnoreCase(t.get(ownedByProfile))) {
                continue; // the profile's own permission set: the profile is read from its metadata
            }
            String ps = t.get(name);
            String ns = t.get(namespace);
            if (!ns.isEmpty() && !ps.isEmpty() && !ps.startsWith(ns + "__")) {
                // a managed package's permission set: its metadata file name carries the prefix
                ps = ns + "__" + ps;
            }
            if (ps.isEmpty() || (t.get(assignee).isEmpty() && t.get(username).isEmpty())) {
                problems.malformedRow(file, t.line(), "assignment without assignee or permission set");
                continue;
            }
            assignments.add(new Assignment(t.get(assignee), t.get(username), ps, file, t.line()));
        }
    }

    public @Nullable User byId(String id) {
        return id.isEmpty() ? null : byId.get(key(id));
    }

    public @Nullable User byUsername(String username) {
        return username.isEmpty() ? null : byUsername.get(username.toLowerCase(Locale.ROOT));
    }

    /** The permission sets assigned to a user, matched by id or username. */
    public List<Assignment> assignmentsOf(User u) {
        List<Assignment> out = new ArrayList<>();
        for (Assignment a : assignments) {
            if ((!a.userId().isEmpty() && key(a.userId()).equals(key(u.id())))
                    || a.username().equalsIgnoreCase(u.username())) {
                out.add(a);
            }
        }
        return out;
    }

    public java.util.Collection<User> users() {
        return byId.values();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }
}
