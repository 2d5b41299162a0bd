package dev.tandem.tools.crm;

import java.util.List;

/** Incident: the integration user with View All Data bulk-queries Contacts and inserts them into the uat sandbox. */
final class IntegrationSandboxSync implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "OVERPERMISSIONED_INTEGRATION_SYNC",
                "USER",
                CrmOrgGenerator.INTEGRATION_USER,
                "integration user with View All Data (permission set " + CrmOrgGenerator.INTEGRATION_PERMSET
                        + ") bulk-queries 184,000 Contacts and inserts them into the uat sandbox"));
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        if (d != g.incidentDay()) {
            return;
        }
        CrmOrgGenerator.User u = g.special("integration");
        // the extraction: a second session of the nightly sync, from the same address
        String sk = g.key(16);
        String lk = g.key(16);
        String ip = u.officeIp();
        long t = g.at(dayStart, 2, 10);
        g.login(day, u, t, sk, lk, ip, "Remote Access 2.0", "LOGIN_NO_ERROR");
        String job = "7505g000" + g.key(7);
        for (int k = 0; k < 8; k++) {
            t += 90_000;
            day.row(
                    CrmOrgGenerator.Type.BulkApi,
                    t,
                    u,
                    sk,
                    lk,
                    ip,
                    CrmOrgGenerator.v(
                            "URI",
                            "/services/async/61.0/job/" + job,
                            "JOB_ID",
                            job,
                            "BATCH_ID",
                            "7515g000" + g.key(7),
                            "ENTITY_TYPE",
                            "Contact",
                            "OPERATION_TYPE",
                            "query",
                            "ROWS_PROCESSED",
                            "23000",
                            "NUMBER_FAILURES",
                            "0",
                            "SUCCESS",
                            "true"));
        }
    }

    @Override
    public boolean writesSandbox(CrmOrgGenerator g, int d) {
        return d == g.incidentDay();
    }

    @Override
    public void sandboxDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        sandboxLoad(g, day, g.special("integration"), dayStart);
    }

    void sandboxLoad(CrmOrgGenerator g, CrmOrgGenerator.Day day, CrmOrgGenerator.User prod, long dayStart) {
        CrmOrgGenerator.User sandboxUser = new CrmOrgGenerator.User(
                g.id15("0057z00000"),
                prod.username() + ".uat",
                "Integration",
                "Sync",
                "Integration User",
                "Standard",
                List.of(),
                prod.officeIp(),
                prod.officeIp(),
                2,
                CrmOrgGenerator.Role.INTEGRATION);
        String sk = g.key(16);
        String lk = g.key(16);
        long t = g.at(dayStart, 2, 40);
        g.login(day, sandboxUser, t, sk, lk, prod.officeIp(), "Remote Access 2.0", "LOGIN_NO_ERROR");
        String job = "7507z000" + g.key(7);
        for (int k = 0; k < 8; k++) {
            t += 60_000;
            day.row(
                    CrmOrgGenerator.Type.BulkApi,
                    t,
                    sandboxUser,
                    sk,
                    lk,
                    prod.officeIp(),
                    CrmOrgGenerator.v(
                            "URI",
                            "/services/async/61.0/job/" + job,
                            "JOB_ID",
                            job,
                            "BATCH_ID",
                            "7517z000" + g.key(7),
                            "ENTITY_TYPE",
                            "Contact",
                            "OPERATION_TYPE",
                            "insert",
                            "ROWS_PROCESSED",
                            "23000",
                            "NUMBER_FAILURES",
                            "0",
                            "SUCCESS",
                            "true"));
        }
    }
}
