package dev.tandem.tools.crm;

import java.util.List;

/**
 * Incident: an administrator session from a new IP at night, after failed logins, assigns its account
 * a permission set (Setup Audit Trail) and bulk-extracts Contacts; the Login History shows the
 * failed logins and the login from Germany.
 */
final class HijackedAdminSession implements Scenario {
    /** The permission set the intruder assigns to the hijacked account before extracting. */
    static final String EXPORT_PERMSET = "Bulk_Data_Export";

    @Override
    public List<Label> labels() {
        return List.of(
                new Label(
                        true,
                        "ADMIN_SESSION_BULK_EXTRACTION",
                        "USER",
                        CrmOrgGenerator.HIJACKED_ADMIN,
                        "administrator session from a new IP at 03:11 after failed logins bulk-extracts Contacts"),
                new Label(
                        true,
                        "DATA_ACCESS_GRANT",
                        "USER",
                        CrmOrgGenerator.HIJACKED_ADMIN,
                        "the intruder assigns " + EXPORT_PERMSET
                                + " to the hijacked account as its extraction begins"));
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        if (d == g.days() - 3) {
            hijack(g, day, g.special("hijacked"), dayStart);
        }
    }

    void hijack(CrmOrgGenerator g, CrmOrgGenerator.Day day, CrmOrgGenerator.User u, long dayStart) {
        String ip = "185.220.101.47";
        long t = g.at(dayStart, 3, 2);
        for (int k = 0; k < 5; k++) {
            g.login(day, u, t, "", "", ip, "Application", "LOGIN_ERROR_INVALID_PASSWORD");
            t += 70_000;
        }
        String sk = g.key(16);
        String lk = g.key(16);
        t = g.at(dayStart, 3, 11);
        g.login(day, u, t, sk, lk, ip, "Application", "LOGIN_NO_ERROR");
        // the intruder's first act: a permission set for bulk exports, assigned to the account it holds
        g.setupChange(
                t + 30_000,
                u.username(),
                "Permission set " + EXPORT_PERMSET + ": assigned to user " + u.first() + " " + u.last() + " ("
                        + u.username() + ")",
                "Manage Users");
        // one query job per object, each logged at every state change: 212,000 Contacts, 64,000 Accounts
        t = g.bulkApi2Query(day, u, t, sk, lk, ip, "Contact", 212_000);
        t = g.bulkApi2Query(day, u, t, sk, lk, ip, "Account", 64_000);
        String report = "00O5g00000Allc1";
        t += 60_000;
        day.row(
                CrmOrgGenerator.Type.Report,
                t,
                u,
                sk,
                lk,
                ip,
                CrmOrgGenerator.v(
                        "URI",
                        "/lightning/r/Report/" + report + "/view",
                        "ENTITY_NAME",
                        "Contact",
                        "DISPLAY_TYPE",
                        "D",
                        "RENDERING_TYPE",
                        "W",
                        "REPORT_ID",
                        report,
                        "ROW_COUNT",
                        "48000",
                        "NUMBER_COLUMNS",
                        "14",
                        "ORIGIN",
                        "ReportRunFromLightning",
                        "IS_SCHEDULED",
                        "false",
                        "REPORT_ID_DERIVED",
                        report + "AAA"));
        day.row(
                CrmOrgGenerator.Type.ReportExport,
                t + 30_000,
                u,
                sk,
                lk,
                ip,
                CrmOrgGenerator.v(
                        "URI",
                        "/" + report,
                        "CLIENT_INFO",
                        "CSV",
                        "REPORT_ID",
                        report,
                        "REPORT_ID_DERIVED",
                        report + "AAA"));
    }
}
