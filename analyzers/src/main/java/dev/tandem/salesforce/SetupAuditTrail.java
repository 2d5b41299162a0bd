package dev.tandem.salesforce;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Header;
import dev.tandem.intake.Problems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Setup Audit Trail download (View Setup Audit Trail › Download; CSV {@code Date}, {@code User},
 * {@code Source Namespace Prefix}, {@code Action}, {@code Section}, {@code Delegate User}; the
 * SetupAuditTrail object's CreatedDate, CreatedBy, ResponsibleNamespacePrefix, Display, Section,
 * DelegateUser, as a query of the object exported by Data Loader, Workbench or {@code sf data
 * query} gives them): the setup changes that open data, as {@link #classify} reads the
 * {@code Action} text (the object's {@code Display}). Changes that open nothing are counted, not
 * kept.
 */
public final class SetupAuditTrail {
    /** What a change opens. */
    public enum Opens {
        /** A profile or permission set given View All Data. */
        VIEW_ALL_DATA("View All Data"),
        /** A profile or permission set given Modify All Data. */
        MODIFY_ALL_DATA("Modify All Data"),
        /** A profile or permission set given API Enabled. */
        API_ENABLED("API Enabled"),
        /** A permission set (or group) assigned to a user. */
        PERMISSION_SET_ASSIGNED("permission set assigned"),
        /** A user moved to another profile. */
        PROFILE_ASSIGNED("profile changed"),
        /** A connected app created or changed. */
        CONNECTED_APP("connected app created or changed"),
        /** A connected app's OAuth policy set to relax IP restrictions. */
        OAUTH_IP_RELAXED("OAuth IP Relaxation relaxed"),
        /** A connected app's Permitted Users set to all users may self-authorize. */
        OAUTH_ALL_USERS("OAuth Permitted Users set to all users"),
        /** A sharing rule created or changed, or an org-wide default opened to public. */
        SHARING_OPENED("sharing opened");

        private final String text;

        Opens(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** A data permission of a profile or permission set (its API name in metadata). */
        public @Nullable String permission() {
            return switch (this) {
                case VIEW_ALL_DATA -> "ViewAllData";
                case MODIFY_ALL_DATA -> "ModifyAllData";
                case API_ENABLED -> "ApiEnabled";
                default -> null;
            };
        }
    }

    /**
     * A change that opens data.
     *
     * @param user who made it ({@code User})
     * @param delegate the administrator acting for {@code user} ({@code Delegate User}), or empty
     * @param holder what was changed: the profile, permission set, connected app, sharing rule or object
     * @param holderIsProfile whether {@code holder} is a profile (for the permission changes)
     * @param forUser the user a permission set or profile was given to, as the Action names them
     */
    public record Change(
            String file,
            long line,
            long millis,
            String user,
            String delegate,
            String action,
            String section,
            Opens opens,
            String holder,
            boolean holderIsProfile,
            String forUser) {

        /** The same change at {@code at}, by {@code by} (a name for an id, a time read the file's way). */
        Change with(long at, String by) {
            return new Change(file, line, at, by, delegate, action, section, opens, holder, holderIsProfile, forUser);
        }

        /** Who made it, as a sentence names them: the user, or that the row names nobody. */
        public String by() {
            return user.isEmpty() ? "an unnamed user (the row's User is empty)" : user;
        }
    }

    /** What {@link #classify} reads from one Action. */
    public record Classified(Opens opens, String holder, boolean holderIsProfile, String forUser) {}

    private static final Pattern DATA_PERMISSION =
            Pattern.compile("(?i)\\b(view all data|modify all data|api enabled)\\b");
    private static final Pattern FROM_TO = Pattern.compile("(?i)\\bfrom\\s+(.*?)\\s+to\\s+(.+?)\\s*\\.?$");
    private static final Pattern HOLDER = Pattern.compile("(?i)\\b(profile|permission set(?: group)?)\\s+(.+?)\\s*:");
    private static final Pattern ASSIGNED_TO =
            Pattern.compile("(?i)^permission set(?: group)?\\s+(.+?)\\s*:?\\s+assigned to user\\s+(.+?)\\s*$");
    private static final Pattern ASSIGNED =
            Pattern.compile("(?i)^assigned permission set(?: group)?\\s+(.+?)\\s+to user\\s+(.+?)\\s*$");
    private static final Pattern PROFILE_OF_USER =
            Pattern.compile("(?i)^changed profile for user\\s+(.+?)\\s+from\\s+(.+?)\\s+to\\s+(.+?)\\s*\\.?$");
    private static final Pattern APP = Pattern.compile(
            "(?i)connected app(?: policy)?(?: for)?\\s+\"?([^\":]+?)\"?\\s*(?::|$|\\s+(?:was\\s+)?(?:created|changed|updated))");
    private static final Pattern APP_CREATED = Pattern.compile("(?i)^created connected app\\s+\"?([^\":]+?)\"?\\s*$");
    /** A custom profile as the trail names it: {@code Custom: Sales Profile}. */
    private static final Pattern CUSTOM_PROFILE = Pattern.compile("(?i)^custom:\\s+(.+)$");
    /** The name after {@code Changed profile Custom:}, up to the next colon. */
    private static final Pattern CUSTOM_HOLDER = Pattern.compile("(?i)\\bprofile\\s+custom:\\s+(.+?)\\s*:");
    /** A connected app's access given to (or taken from) a profile or permission set. */
    private static final Pattern APP_ACCESS = Pattern.compile(
            "(?i)^changed (?:profile|permission set(?: group)?)\\s+.+:\\s+(.+?)\\s+connected app is (enabled|disabled)\\s*\\.?$");

    private static final Pattern RULE =
            Pattern.compile("(?i)sharing rule\\s+\"?(.+?)\"?(?:\\s+(?:for|on)\\s+|\\s*:|\\s*$)");
    /** Line breaks and runs of spaces inside an Action: one space, as the trail's page shows it. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * The object named before its default: {@code Changed Contact sharing model from …},
     * {@code Changed Account External Access Level from …}, {@code Contact default access changed …}.
     */
    private static final Pattern OBJECT_BEFORE_MODEL = Pattern.compile(
            "(?i)\\b(?!changed\\b|the\\b)([A-Za-z][A-Za-z0-9_]*)\\s+(?:(?:default|external|internal)\\s+)*"
                    + "(?:sharing model|default access|access level)\\b");

    private static final Pattern OBJECT_MODEL =
            Pattern.compile("(?i)(?:sharing model|default access)\\s+(?:for|of)\\s+(\\S+)");

    private final List<Change> changes = new ArrayList<>();
    private long rows;
    private final java.util.Map<String, java.util.Set<String>> actors = new java.util.TreeMap<>();
    private boolean sorted = true;

    public static boolean isSetupAuditTrail(Header h) {
        return OtherSalesforceFiles.of(h) == OtherSalesforceFiles.SETUP_AUDIT_TRAIL;
    }

    /**
     * A query of the SetupAuditTrail object exported by Data Loader, Workbench or {@code sf data
     * query --result-format csv} ({@code CreatedDate}, {@code Action}, {@code Display}, any case):
     * its {@code Action} is a code and its {@code Display} the text the download calls Action.
     */
    static boolean isQueryExport(Header h) {
        return h.has("CreatedDate") && h.has("Action") && h.has("Display") && !h.has("Date");
    }

    /**
     * Reads one download, or one query export ({@link #isQueryExport}: the change's text from
     * {@code Display}, who made it from {@code CreatedBy.Username}, else {@code CreatedBy.Name},
     * else {@code CreatedById}); rows with no readable time, or no text at all, are named with file,
     * line and the column by its field name and position. A query export's row with an Action code but a null
     * Display (the object allows it) is counted, not read.
     */
    public void read(String file, CsvTable t, Problems problems) {
        Header h = t.header();
        boolean query = isQueryExport(h);
        String dateColumn = query ? "CreatedDate" : "Date";
        int date = h.find(dateColumn);
        int user = query ? h.find("CreatedBy.Username", "CreatedBy.Name", "CreatedById") : h.find("User");
        int action = h.find(query ? "Display" : "Action");
        int code = query ? h.find("Action") : -1;
        int section = h.find("Section");
        int delegate = h.find("Delegate User", "DelegateUser");
        FileTimes<Change> times = new FileTimes<>(file, dateColumn, "column " + (date + 1) + "; ");
        while (t.next()) {
            row(
                    file,
                    t.line(),
                    problems,
                    query,
                    " (column " + (action + 1) + ")",
                    times,
                    dateColumn,
                    t.get(date),
                    t.get(user),
                    t.get(delegate),
                    t.get(action),
                    t.get(code),
                    t.get(section));
        }
        times.finish(problems, (c, at) -> c.with(at, c.user()), changes::add);
    }

    /**
     * One record of a JSON query result of the object ({@code sf data query --json}, a REST query;
     * {@code attributes.type} SetupAuditTrail), its fields as {@link JsonRecordsReader} flattens
     * them ({@code CreatedBy.Username}), read as a row of a query export.
     */
    public void readRecord(String file, long line, java.util.Map<String, String> fields, Problems problems) {
        String user = fields.getOrDefault("CreatedBy.Username", "");
        if (user.isBlank()) {
            user = fields.getOrDefault("CreatedBy.Name", fields.getOrDefault("CreatedById", ""));
        }
        row(
                file,
                line,
                problems,
                true,
                "",
                null,
                "CreatedDate",
                fields.getOrDefault("CreatedDate", ""),
                user,
                fields.getOrDefault("DelegateUser", ""),
                fields.getOrDefault("Display", ""),
                fields.getOrDefault("Action", ""),
                fields.getOrDefault("Section", ""));
    }

    private void row(
            String file,
            long line,
            Problems problems,
            boolean query,
            String textWhere,
            @Nullable FileTimes<Change> times,
            String dateColumn,
            String when,
            String user,
            String delegate,
            String text,
            String code,
            String section) {
        rows++;
        String by = UserIds.canonical(user.strip());
        if (!by.isEmpty()) {
            actors.computeIfAbsent(by, u -> new java.util.TreeSet<>()).add(file);
        }
        // a quoted Action may hold a line break (a text field's old and new value): one line, so
        // that the patterns below, which end at the end of the text, read it as written
        String a = SPACES.matcher(text.strip()).replaceAll(" ");
        if (a.isEmpty()) {
            // the object's Display may be null: a change with an Action code and no text is counted
            if (!query || code.isBlank()) {
                problems.malformedRow(
                        file,
                        line,
                        (query ? "setup change without Display or Action" : "setup change without Action") + textWhere);
            }
            return;
        }
        SetupTimes.Reading r = FileTimes.read(times, file, line, dateColumn, when, problems);
        if (!r.readable()) {
            return;
        }
        long millis = r.usual();
        String sec = section.strip();
        Classified c = classify(a, sec);
        if (c == null) {
            return;
        }
        sorted = false;
        Change change = new Change(
                file,
                line,
                millis,
                by,
                UserIds.canonical(delegate.strip()),
                a,
                sec,
                c.opens(),
                c.holder(),
                c.holderIsProfile(),
                c.forUser());
        if (times != null) {
            times.keep(line, r, change);
        } else {
            changes.add(change);
        }
    }

    /**
     * Names the users a query export gives by id only ({@code CreatedById}) by their username,
     * where {@code usernameOfId} knows it (the User export, the event logs); others stay ids.
     */
    public void nameUsers(java.util.function.Function<String, @Nullable String> usernameOfId) {
        for (String id : List.copyOf(actors.keySet())) {
            String name = UserIds.looksLikeUserId(id) ? usernameOfId.apply(id) : null;
            if (name != null && !name.isEmpty()) {
                actors.computeIfAbsent(name, u -> new java.util.TreeSet<>()).addAll(actors.remove(id));
            }
        }
        changes.replaceAll(c -> {
            if (!UserIds.looksLikeUserId(c.user())) {
                return c;
            }
            String name = usernameOfId.apply(c.user());
            return name == null || name.isEmpty() ? c : c.with(c.millis(), name);
        });
    }

    /**
     * What a change opens, from its Action as the Setup Audit Trail words it (in English), or null
     * when it opens no data: a data permission turned on (… View All Data … from False to True, or
     * enabled), a permission set or group assigned to a user, a user moved to another profile, a
     * connected app created or changed (its OAuth policy's IP Relaxation relaxed, its Permitted
     * Users set to all users), a sharing rule created or changed, an org-wide default opened to
     * public.
     */
    public static @Nullable Classified classify(String action, String section) {
        String lower = action.toLowerCase(Locale.ROOT);
        String sec = section.toLowerCase(Locale.ROOT);
        Matcher m = ASSIGNED_TO.matcher(action);
        if (m.matches()) {
            return new Classified(Opens.PERMISSION_SET_ASSIGNED, m.group(1).strip(), false, userOf(m.group(2)));
        }
        m = ASSIGNED.matcher(action);
        if (m.matches()) {
            return new Classified(Opens.PERMISSION_SET_ASSIGNED, m.group(1).strip(), false, userOf(m.group(2)));
        }
        m = PROFILE_OF_USER.matcher(action);
        if (m.matches()) {
            return new Classified(Opens.PROFILE_ASSIGNED, profileName(m.group(3)), true, userOf(m.group(1)));
        }
        m = APP_ACCESS.matcher(action);
        if (m.matches()) {
            // "Changed profile P: Force.com IDE connected app is enabled": the app opened to the profile's users
            return m.group(2).equalsIgnoreCase("enabled")
                    ? new Classified(Opens.CONNECTED_APP, m.group(1).strip(), false, "")
                    : null;
        }
        if (lower.contains("connected app") || sec.contains("connected app")) {
            String app = appOf(action);
            if (lower.contains("ip relaxation") || lower.contains("ip restrictions")) {
                Matcher ft = FROM_TO.matcher(action);
                String to = ft.find() ? ft.group(2).toLowerCase(Locale.ROOT) : lower;
                if (to.contains("relax")) {
                    return new Classified(Opens.OAUTH_IP_RELAXED, app, false, "");
                }
                return null;
            }
            if (lower.contains("permitted users")) {
                Matcher ft = FROM_TO.matcher(action);
                String to = ft.find() ? ft.group(2).toLowerCase(Locale.ROOT) : lower;
                if (to.contains("all users")) {
                    return new Classified(Opens.OAUTH_ALL_USERS, app, false, "");
                }
                return null;
            }
            if (lower.contains("deleted") || lower.contains("removed") || lower.contains("blocked")) {
                return null;
            }
            return new Classified(Opens.CONNECTED_APP, app, false, "");
        }
        m = DATA_PERMISSION.matcher(action);
        if (m.find() && turnedOn(lower)) {
            Opens o = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "view all data" -> Opens.VIEW_ALL_DATA;
                case "modify all data" -> Opens.MODIFY_ALL_DATA;
                default -> Opens.API_ENABLED;
            };
            Matcher hm = HOLDER.matcher(action);
            if (hm.find()) {
                boolean profile = hm.group(1).equalsIgnoreCase("profile");
                Matcher custom = CUSTOM_HOLDER.matcher(action);
                String holder = profile && hm.group(2).strip().equalsIgnoreCase("custom") && custom.find()
                        ? custom.group(1)
                        : hm.group(2);
                return new Classified(o, holder.strip(), profile, "");
            }
            return new Classified(o, "", sec.contains("profile"), "");
        }
        if (sec.contains("sharing rule") || lower.contains("sharing rule")) {
            if (lower.contains("deleted") || lower.contains("removed")) {
                return null;
            }
            Matcher rm = RULE.matcher(action);
            return new Classified(Opens.SHARING_OPENED, rm.find() ? rm.group(1).strip() : "", false, "");
        }
        if (lower.contains("sharing model")
                || lower.contains("default access")
                || lower.contains("access level")
                || sec.contains("sharing defaults")) {
            Matcher ft = FROM_TO.matcher(action);
            String to = ft.find() ? ft.group(2).toLowerCase(Locale.ROOT) : "";
            if (to.contains("public") || to.contains("read/write") || to.contains("read only")) {
                Matcher om = OBJECT_MODEL.matcher(action);
                Matcher before = OBJECT_BEFORE_MODEL.matcher(action);
                String object = om.find() ? om.group(1) : before.find() ? before.group(1) : "";
                return new Classified(Opens.SHARING_OPENED, object.strip(), false, "");
            }
        }
        return null;
    }

    private static boolean turnedOn(String lower) {
        Matcher ft = FROM_TO.matcher(lower);
        if (ft.find()) {
            String to = ft.group(2).strip();
            return to.startsWith("true") || to.startsWith("enabled") || to.startsWith("checked") || to.startsWith("on");
        }
        return (lower.contains("enabled") || lower.contains("granted") || lower.contains("added"))
                && !lower.contains("disabled")
                && !lower.contains("removed")
                && !lower.contains("revoked");
    }

    /** A profile's name without the {@code Custom: } the trail puts before a custom profile's. */
    private static String profileName(String s) {
        Matcher m = CUSTOM_PROFILE.matcher(s.strip());
        return (m.matches() ? m.group(1) : s).strip();
    }

    /** The user an Action names: {@code Jane Doe (jane@acme.com)}, {@code jane@acme.com}, or as written. */
    private static String userOf(String s) {
        Matcher at = Pattern.compile("[^\\s()\\[\\]<>,]+@[^\\s()\\[\\]<>,]+").matcher(s);
        if (at.find()) {
            return at.group();
        }
        int paren = s.indexOf('(');
        return (paren > 0 ? s.substring(0, paren) : s).strip();
    }

    private static String appOf(String action) {
        Matcher m = APP_CREATED.matcher(action);
        if (m.matches()) {
            return m.group(1).strip();
        }
        m = APP.matcher(action);
        return m.find() ? m.group(1).strip() : "";
    }

    /** The changes that open data, earliest first. */
    public List<Change> changes() {
        if (!sorted) {
            changes.sort(Comparator.comparingLong(Change::millis)
                    .thenComparing(Change::file)
                    .thenComparingLong(Change::line));
            sorted = true;
        }
        return changes;
    }

    /**
     * Who made the rows read (the changes that open nothing included), each with the files that name
     * them: a username as written, or an id no export names.
     */
    public java.util.Map<String, java.util.Set<String>> actors() {
        return java.util.Collections.unmodifiableMap(actors);
    }

    /** Rows read, the changes that open nothing included. */
    public long rows() {
        return rows;
    }
}
