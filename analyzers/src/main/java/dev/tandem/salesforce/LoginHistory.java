package dev.tandem.salesforce;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Header;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Setup › Login History download (CSV; the LoginHistory object's fields under their labels:
 * {@code Login Time}, {@code Username}, {@code Login Type}, {@code Source IP}, {@code Status},
 * {@code Browser}, {@code Platform}, {@code Application}, {@code Client Version}, {@code API Type},
 * {@code API Version}, {@code Login URL}, {@code Country Code}; Object Reference, "LoginHistory"):
 * every login attempt of the last six months, successful ({@code Status} "Success") or not
 * ("Invalid Password", "Failed: …"), per user. The download is bounded by Salesforce (six months);
 * past {@link #MAX_LOGINS} rows the rest are counted, not kept.
 */
public final class LoginHistory {
    static final int MAX_LOGINS = 1_000_000;

    /** One row: a login attempt. */
    public record Login(
            String file,
            long line,
            long millis,
            String username,
            String loginType,
            String ip,
            String status,
            String browser,
            String application,
            String country) {

        /** The same attempt at {@code at}, by {@code user} (a name for an id, a time read the file's way). */
        Login with(long at, String user) {
            return new Login(file, line, at, user, loginType, ip, status, browser, application, country);
        }

        public boolean succeeded() {
            return status.equalsIgnoreCase("Success");
        }

        /**
         * A person at a browser or through single sign-on (Login Type "Application", "SAML … SSO",
         * community and portal logins), not a client of an API ("Remote Access 2.0", "Other Apex
         * API", "Partner Product", "Remote Access Client", "AppExchange" …).
         */
        public boolean interactive() {
            String t = loginType.toLowerCase(Locale.ROOT);
            return !t.isEmpty()
                    && !t.contains("api")
                    && !t.contains("remote access")
                    && !t.contains("partner product")
                    && !t.contains("oauth")
                    && !t.contains("jwt")
                    && !t.contains("appexchange");
        }
    }

    private final Map<String, List<Login>> byUser = new HashMap<>();
    private long kept;
    private long dropped;
    private boolean sorted = true;

    public static boolean isLoginHistory(Header h) {
        return OtherSalesforceFiles.of(h) == OtherSalesforceFiles.LOGIN_HISTORY;
    }

    /**
     * A query of the LoginHistory object exported by Data Loader, Workbench or {@code sf data query
     * --result-format csv}: its API names ({@code LoginTime}, {@code SourceIp}, {@code UserId},
     * {@code LoginType}, {@code CountryIso} …, any case), not a real-time LoginEvent (no
     * {@code EventDate}).
     */
    static boolean isQueryExport(Header h) {
        return h.has("LoginTime")
                && h.has("SourceIp")
                && h.has("UserId", "Username", "User.Username")
                && !h.has("EventDate");
    }

    /**
     * Reads one download or query export ({@link #isQueryExport}; a user named by {@code UserId}
     * alone is kept under the id until {@link #nameUsers}); bad rows are named with file, line and
     * the column by its field name and position; a file without Status is refused.
     */
    public void read(String file, CsvTable t, Problems problems) {
        Header h = t.header();
        boolean query = isQueryExport(h);
        String timeColumn = query ? "LoginTime" : "Login Time";
        int time = h.find(timeColumn);
        int user = h.find("Username", "User.Username", "UserId");
        String userColumn = h.has("Username") ? "Username" : h.has("User.Username") ? "User.Username" : "UserId";
        int ip = h.find("Source IP", "SourceIp");
        int status = h.find("Status");
        if (status < 0) {
            problems.report(
                    file,
                    1,
                    Problem.Kind.MISSING_COLUMNS,
                    "Login History without a Status column: failed logins cannot be told from successful"
                            + " ones (download it again from Setup > Login History)");
            return;
        }
        int type = h.find("Login Type", "LoginType");
        int browser = h.find("Browser");
        int app = h.find("Application");
        int country = h.find("Country Code", "Country", "CountryIso", "LoginGeo.CountryIso");
        String timeWhere = "column " + (time + 1) + "; ";
        FileTimes<Login> times = new FileTimes<>(file, timeColumn, timeWhere);
        while (t.next()) {
            add(
                    file,
                    t.line(),
                    problems,
                    times,
                    userColumn + " (column " + (user + 1) + ")",
                    t.get(user),
                    timeColumn,
                    t.get(time),
                    t.get(type),
                    t.get(ip),
                    t.get(status),
                    t.get(browser),
                    t.get(app),
                    t.get(country));
        }
        times.finish(problems, (l, at) -> l.with(at, l.username()), this::keep);
        endOfFile(file, problems);
    }

    /**
     * One record of a JSON query result of the object ({@code sf data query --json}, a REST query;
     * {@code attributes.type} LoginHistory), read as a row of a query export; a record without
     * Status is named. {@link #endOfFile} after the file's last record.
     */
    public void readRecord(String file, long line, Map<String, String> fields, Problems problems) {
        if (fields.getOrDefault("Status", "").isBlank()) {
            problems.malformedRow(file, line, "login without Status");
            return;
        }
        boolean byName = !fields.getOrDefault("Username", "").isBlank();
        add(
                file,
                line,
                problems,
                null,
                byName ? "Username" : "UserId",
                fields.getOrDefault(byName ? "Username" : "UserId", ""),
                "LoginTime",
                fields.getOrDefault("LoginTime", ""),
                fields.getOrDefault("LoginType", ""),
                fields.getOrDefault("SourceIp", ""),
                fields.getOrDefault("Status", ""),
                fields.getOrDefault("Browser", ""),
                fields.getOrDefault("Application", ""),
                fields.getOrDefault("CountryIso", fields.getOrDefault("LoginGeo.CountryIso", "")));
    }

    private void add(
            String file,
            long line,
            Problems problems,
            @Nullable FileTimes<Login> times,
            String userColumn,
            String user,
            String timeColumn,
            String when,
            String type,
            String ip,
            String status,
            String browser,
            String app,
            String country) {
        // a user id in its 15-character form: 005…15 and 005…18 are one user
        String username = UserIds.canonical(user.strip());
        if (username.isEmpty()) {
            problems.malformedRow(file, line, "login without " + userColumn);
            return;
        }
        SetupTimes.Reading r = FileTimes.read(times, file, line, timeColumn, when, problems);
        if (!r.readable()) {
            return;
        }
        Login login = new Login(
                file,
                line,
                r.usual(),
                username,
                type.strip(),
                ip.strip(),
                status.strip(),
                browser.strip(),
                app.strip(),
                country.strip().toUpperCase(Locale.ROOT));
        if (times != null) {
            times.keep(line, r, login);
        } else {
            keep(login);
        }
    }

    private void keep(Login login) {
        if (kept >= MAX_LOGINS) {
            dropped++;
            return;
        }
        kept++;
        sorted = false;
        byUser.computeIfAbsent(key(login.username()), k -> new ArrayList<>()).add(login);
    }

    /** Reports the logins of a file past {@link #MAX_LOGINS}, if any. */
    public void endOfFile(String file, Problems problems) {
        if (dropped > 0) {
            problems.report(
                    file,
                    0,
                    Problem.Kind.MALFORMED_ROWS_SKIPPED,
                    dropped + " login(s) past " + MAX_LOGINS + " not kept: their facts are not checked");
            dropped = 0;
        }
    }

    /**
     * Names the users a query export gives by {@code UserId} alone by their username, where
     * {@code usernameOfId} knows it (the User export, the event logs): their logins join those of
     * the same user in a download. Others stay under the id.
     */
    public void nameUsers(java.util.function.Function<String, @Nullable String> usernameOfId) {
        for (String key : List.copyOf(byUser.keySet())) {
            List<Login> logins = byUser.get(key);
            String id = logins.getFirst().username();
            if (!UserIds.looksLikeUserId(id)) {
                continue;
            }
            String name = usernameOfId.apply(id);
            if (name == null || name.isEmpty()) {
                continue;
            }
            byUser.remove(key);
            List<Login> into = byUser.computeIfAbsent(key(name), k -> new ArrayList<>());
            for (Login l : logins) {
                into.add(l.with(l.millis(), name));
            }
            sorted = false;
        }
    }

    /** The user's login attempts, earliest first; empty for a user the downloads do not name. */
    public List<Login> of(String username) {
        if (!sorted) {
            Comparator<Login> order = Comparator.comparingLong(Login::millis)
                    .thenComparing(Login::file)
                    .thenComparingLong(Login::line);
            byUser.values().forEach(l -> l.sort(order));
            sorted = true;
        }
        return byUser.getOrDefault(key(username), List.of());
    }

    /**
     * A username in lower case (usernames ignore case); an id in its 15-character form, whose case
     * counts (the 18-character form of the same id is the same user).
     */
    private static String key(String user) {
        return UserIds.looksLikeUserId(user) ? UserIds.canonical(user) : user.toLowerCase(Locale.ROOT);
    }

    /** The usernames (in lower case) and user ids (15 characters) with logins, in no particular order. */
    public java.util.Set<String> usernames() {
        return byUser.keySet();
    }

    public boolean isEmpty() {
        return byUser.isEmpty();
    }
}
