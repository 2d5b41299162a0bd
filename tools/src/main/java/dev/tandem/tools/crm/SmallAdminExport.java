package dev.tandem.tools.crm;

import java.nio.file.Path;
import java.util.List;

/** Look-alike: an administrator's small report export (35 rows) and the file it left. */
final class SmallAdminExport implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(
                new Label(
                        false,
                        "UNENCRYPTED_EXPORT",
                        "USER",
                        "it.admin@" + CrmOrgGenerator.DOMAIN,
                        "an administrator's small report export (35 rows)"),
                new Label(
                        false,
                        "ADMIN_SESSION_BULK_EXTRACTION",
                        "USER",
                        "it.admin@" + CrmOrgGenerator.DOMAIN,
                        "the same administrator's small export is not bulk extraction"),
                new Label(
                        false,
                        "UNENCRYPTED_EXPORT",
                        "FILE",
                        "exports/Contact_admin_export.csv",
                        "the administrator's small export file (35 rows)"));
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        if (d == g.days() - 6) {
            smallExport(g, day, g.special("itadmin"), dayStart);
        }
    }

    @Override
    public void exports(CrmOrgGenerator g, Path dir) {
        g.adminExport(dir);
    }

    void smallExport(CrmOrgGenerator g, CrmOrgGenerator.Day day, CrmOrgGenerator.User u, long dayStart) {
        String sk = g.key(16);
        String lk = g.key(16);
        String ip = u.officeIp();
        long t = g.at(dayStart, 10, 5);
        g.login(day, u, t, sk, lk, ip, "Application", "LOGIN_NO_ERROR");
        String report = "00O5g00000SmlEx";
        day.row(
                CrmOrgGenerator.Type.Report,
                t + 60_000,
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
                        "35",
                        "NUMBER_COLUMNS",
                        "6",
                        "ORIGIN",
                        "ReportRunFromLightning",
                        "IS_SCHEDULED",
                        "false",
                        "REPORT_ID_DERIVED",
                        report + "AAA"));
        day.row(
                CrmOrgGenerator.Type.ReportExport,
                t + 90_000,
                u,
                sk,
                lk,
                ip,
                CrmOrgGenerator.v(
                        "URI",
                        "/" + report,
                        "CLIENT_INFO",
                        "Excel",
                        "REPORT_ID",
                        report,
                        "REPORT_ID_DERIVED",
                        report + "AAA"));
    }
}
