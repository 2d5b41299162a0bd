package dev.tandem.tools.crm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Incident: a nightly Apex job posts the Contacts it reads to an analytics host over plain HTTP. */
final class CleartextAnalyticsFeed implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "UNENCRYPTED_EXPORT",
                "HOST",
                CrmOrgGenerator.CLEARTEXT_HOST,
                "nightly Apex job posts the Contacts it reads to an analytics host over plain HTTP"));
    }

    @Override
    public void metadata(CrmOrgGenerator g, Path root) throws IOException {
        g.xml(root.resolve("namedCredentials/Metricsbay_Legacy.namedCredential-meta.xml"), """
                <NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
                    <allowMergeFieldsInBody>true</allowMergeFieldsInBody>
                    <endpoint>http://ingest.metricsbay.io</endpoint>
                    <label>Metricsbay (legacy)</label>
                    <principalType>NamedUser</principalType>
                    <protocol>Password</protocol>
                </NamedCredential>
                """);
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        marketingJob(g, day, g.special("marketing"), dayStart);
    }

    void marketingJob(CrmOrgGenerator g, CrmOrgGenerator.Day day, CrmOrgGenerator.User u, long dayStart) {
        // a scheduled Apex job running as the user: no login, no session key
        String ip = "Salesforce.com IP";
        long t = g.at(dayStart, 0, 30);
        day.row(
                CrmOrgGenerator.Type.API,
                t,
                u,
                "",
                "",
                ip,
                CrmOrgGenerator.v(
                        "URI",
                        "/services/Soap/u/61.0",
                        "API_TYPE",
                        "D",
                        "API_VERSION",
                        "61.0",
                        "CLIENT_NAME",
                        "Apex",
                        "METHOD_NAME",
                        "query",
                        "ENTITY_NAME",
                        "Contact",
                        "ROWS_PROCESSED",
                        Integer.toString(9_200 + g.rnd.nextInt(400)),
                        "QUERY",
                        "SELECT Id, FirstName, LastName, Email, Phone, MailingStreet FROM Contact WHERE HasOptedOutOfEmail = false"));
        for (int k = 0; k < 10; k++) {
            t += 15_000;
            day.row(
                    CrmOrgGenerator.Type.ApexCallout,
                    t,
                    u,
                    "",
                    "",
                    ip,
                    CrmOrgGenerator.v(
                            "TYPE",
                            "REST",
                            "METHOD",
                            "POST",
                            "SUCCESS",
                            "1",
                            "TIME",
                            "380",
                            "REQUEST_SIZE",
                            Integer.toString(380_000 + g.rnd.nextInt(40_000)),
                            "RESPONSE_SIZE",
                            "48",
                            "URL",
                            "http://ingest.metricsbay.io/v1/contacts/batch"));
        }
    }
}
