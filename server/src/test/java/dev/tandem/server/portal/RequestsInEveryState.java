package dev.tandem.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import tools.jackson.databind.JsonNode;

/**
 * Evidence requests on the demo incident in the states its own two (one ANSWERED, one reopened,
 * docs/web.md) do not cover, filed through the API as the auditor and the audit liaison would: one
 * left OPEN (with a due date), one DECLINED, one answered with an AUDIT item and ACCEPTED. For the
 * report and export ITs, which check that every state reaches the document.
 */
public record RequestsInEveryState(String open, String declined, String accepted, String auditItem) {
    public static final String OPEN_TEXT = "Firewall logs of the week of the incident";
    public static final String DECLINED_TEXT = "Personnel files of the administrators";
    public static final String DECLINE_REASON = "HR records are outside the audit's scope";
    public static final String ACCEPTED_TEXT = "The incident response plan in force";
    public static final String ACCEPT_COMMENT = "Matches the plan we sampled";

    /** Files the three; {@code due} (YYYY-MM-DD) is the open one's due date. */
    public static RequestsInEveryState file(Api auditor, Api liaison, String incident, String due) {
        String auditItem = null;
        for (JsonNode e :
                liaison.get("/api/v1/incidents/" + incident + "/evidence").json()) {
            if (e.path("repository").asString().equals("AUDIT")
                    && e.path("name").asString().equals("access-review-policy.md")) {
                auditItem = e.path("id").asString();
            }
        }
        assertThat(auditItem).as("the demo's AUDIT policy document").isNotNull();
        String open = file(auditor, incident, OPEN_TEXT, "\"due\":\"" + due + "\",\"controls\":[\"CC7.2\"]");
        String declined = file(auditor, incident, DECLINED_TEXT, "\"controls\":[]");
        step(liaison, declined, "decline", "{\"reason\":\"" + DECLINE_REASON + "\"}", "DECLINED");
        String accepted = file(auditor, incident, ACCEPTED_TEXT, "\"controls\":[\"CC7.3\",\"CC7.4\"]");
        step(liaison, accepted, "answer", "{\"evidence\":[\"" + auditItem + "\"],\"note\":\"the plan\"}", "ANSWERED");
        step(auditor, accepted, "accept", "{\"comment\":\"" + ACCEPT_COMMENT + "\"}", "ACCEPTED");
        return new RequestsInEveryState(open, declined, accepted, auditItem);
    }

    private static String file(Api auditor, String incident, String text, String rest) {
        Api.Response r = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests", "{\"text\":\"" + text + "\"," + rest + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private static void step(Api as, String request, String step, String body, String status) {
        Api.Response r = as.postJson("/api/v1/evidence-requests/" + request + "/" + step, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo(status);
    }
}
