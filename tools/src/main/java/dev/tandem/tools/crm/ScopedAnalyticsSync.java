package dev.tandem.tools.crm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Look-alike: a nightly bulk sync to analytics over TLS by a user scoped to Read on Contact and Account. */
final class ScopedAnalyticsSync implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(
                new Label(
                        false,
                        "OVERPERMISSIONED_INTEGRATION_SYNC",
                        "USER",
                        "analytics.sync@" + CrmOrgGenerator.DOMAIN,
                        "nightly bulk sync to analytics over TLS by a user scoped to Read on Contact and Account"),
                new Label(
                        false,
                        "UNENCRYPTED_EXPORT",
                        "HOST",
                        "ingest.acme-bi.com",
                        "the same sync's callouts go over https"));
    }

    @Override
    public void metadata(CrmOrgGenerator g, Path root) throws IOException {
        g.xml(root.resolve("namedCredentials/Acme_BI_Ingest.namedCredential-meta.xml"), """
                <NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
                    <label>Acme BI ingest</label>
                    <namedCredentialParameters>
                        <parameterName>Url</parameterName>
                        <parameterType>Url</parameterType>
                        <parameterValue>https://ingest.acme-bi.com</parameterValue>
                    </namedCredentialParameters>
                    <namedCredentialType>SecuredEndpoint</namedCredentialType>
                </NamedCredential>
                """);
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        analyticsNight(g, day, g.special("analytics"), dayStart);
    }

    void analyticsNight(CrmOrgGenerator g, CrmOrgGenerator.Day day, CrmOrgGenerator.User u, long dayStart) {
        String sk = g.key(16);
        String lk = g.key(16);
        String ip = u.officeIp();
        long t = g.at(dayStart, 1, 0);
        g.login(day, u, t, sk, lk, ip, "Remote Access 2.0", "LOGIN_NO_ERROR");
        // a query job per object, as Bulk API 2.0 takes one object a job
        t = g.bulkApi2Query(day, u, t, sk, lk, ip, "Contact", 8_800 + g.rnd.nextInt(400));
        t = g.bulkApi2Query(day, u, t, sk, lk, ip, "Account", 3_900 + g.rnd.nextInt(200));
        for (int k = 0; k < 3; k++) {
            t += 30_000;
            day.row(
                    CrmOrgGenerator.Type.ApexCallout,
                    t,
                    u,
                    sk,
                    lk,
                    ip,
                    CrmOrgGenerator.v(
                            "TYPE",
                            "REST",
                            "METHOD",
                            "POST",
                            "SUCCESS",
                            "1",
                            "TIME",
                            "412",
                            "REQUEST_SIZE",
                            Integer.toString(350_000 + g.rnd.nextInt(50_000)),
                            "RESPONSE_SIZE",
                            "64",
                            "URL",
                            "https://ingest.acme-bi.com/v2/batch"));
        }
    }
}
