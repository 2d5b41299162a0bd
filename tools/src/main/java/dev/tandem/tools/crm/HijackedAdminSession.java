package dev.tandem.tools.crm;

import java.util.List;

/** Incident: an administrator session from a new IP at night, after failed logins, bulk-extracts Contacts. */
final class HijackedAdminSession implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "ADMIN_SESSION_BULK_EXTRACTION",
                "USER",
                CrmOrgGenerator.HIJACKED_ADMIN,
                "administrator session from a new IP at 03:11 after failed logins bulk-extracts Contacts"));
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
        String job = "7505g000" + g.key(7);
        for (String[] part : new String[][] {
            {"Contact", "53000"}, {"Contact", "53000"}, {"Contact", "53000"}, {"Contact", "53000"}, {"Account", "64000"}
        }) {
            t += 120_000;
            day.row(
                    CrmOrgGenerator.Type.BulkApi2,
                    t,
                    u,
                    sk,
                    lk,
                    ip,
                    CrmOrgGenerator.v(
                            "JOB_ID",
                            job,
                            "ENTITY_TYPE",
                            part[0],
                            "OPERATION_TYPE",
                            "query",
                            "JOB_STATUS",
                            "JobComplete",
                            "ROWS_PROCESSED",
                            part[1],
                            "NUMBER_FAILURES",
                            "0"));
        }
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
