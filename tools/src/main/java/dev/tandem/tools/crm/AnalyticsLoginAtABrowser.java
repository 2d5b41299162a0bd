package dev.tandem.tools.crm;

import java.util.List;

/**
 * Incident: the analytics integration's credentials used at a browser late in the evening (Login
 * History: Login Type "Application"), with no extraction after it in the logs; what it did is for
 * the investigation.
 */
final class AnalyticsLoginAtABrowser implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "SUSPICIOUS_LOGIN",
                "USER",
                "analytics.sync@" + CrmOrgGenerator.DOMAIN,
                "the analytics integration's user logs in at a browser at 22:40"));
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        if (d == g.days() - 6) {
            // the Login History only, as an org without Event Monitoring has it: an event log row would
            // draw the org's random numbers and change every day after this one
            g.loginHistory(
                    g.special("analytics"),
                    dayStart + 22 * 3_600_000L + 40 * 60_000L,
                    "203.0.113.77",
                    "Application",
                    "LOGIN_NO_ERROR");
        }
    }
}
