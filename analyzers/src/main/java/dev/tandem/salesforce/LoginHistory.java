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

    /** Reads one download; bad rows are named with file and line, a file without Status is refused. */
    public void read(String file, CsvTable t, Problems problems) {
        Header h = t.header();
        int time = h.find("Login Time");
        int user = h.find("Username");
        int ip = h.find("Source IP");
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
        int type = h.find("Login Type");
        int browser = h.find("Browser");
        int app = h.find("Application");
        int country = h.find("Country Code", "Country", "CountryIso");
        while (t.next()) {
            String username = t.get(user).strip();
            if (username.isEmpty()) {
                problems.malformedRow(file, t.line(), "login without Username");
                continue;
            }
            String when = t.get(time);
            long millis = SetupTimes.parse(when);
            if (millis == Timestamps.UNKNOWN) {
                problems.malformedRow(file, t.line(), SetupTimes.unreadable("Login Time", when, time));
                continue;
            }
            if (kept >= MAX_LOGINS) {
                dropped++;
                continue;
            }
            kept++;
            sorted = false;
            byUser.computeIfAbsent(username.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new Login(
                            file,
                            t.line(),
                            millis,
                            username,
                            t.get(type).strip(),
                            t.get(ip).strip(),
                            t.get(status).strip(),
                            t.get(browser).strip(),
                            t.get(app).strip(),
                            t.get(country).strip().toUpperCase(Locale.ROOT)));
        }
        if (dropped > 0) {
            problems.report(
                    file,
                    0,
                    Problem.Kind.MALFORMED_ROWS_SKIPPED,
                    dropped + " login(s) past " + MAX_LOGINS + " not kept: their facts are not checked");
            dropped = 0;
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
        return byUser.getOrDefault(username.toLowerCase(Locale.ROOT), List.of());
    }

    /** The usernames with logins, in no particular order. */
    public java.util.Set<String> usernames() {
        return byUser.keySet();
    }

    public boolean isEmpty() {
        return byUser.isEmpty();
    }
}
