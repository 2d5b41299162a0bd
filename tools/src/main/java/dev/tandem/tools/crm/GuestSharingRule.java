package dev.tandem.tools.crm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Incident: a guest sharing rule opens Contacts to the public site, and the guest user reads them. */
final class GuestSharingRule implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "SHARING_RULE_EXPOSURE",
                "SHARING_RULE",
                CrmOrgGenerator.GUEST_RULE,
                "guest sharing rule opens Contacts to the public site; the guest user reads them"));
    }

    @Override
    public void metadata(CrmOrgGenerator g, Path root) throws IOException {
        g.xml(root.resolve("sharingRules/Contact.sharingRules-meta.xml"), """
                <SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
                    <sharingGuestRules>
                        <fullName>Share_Contacts_With_Site_Guests</fullName>
                        <accessLevel>Read</accessLevel>
                        <label>Share Contacts With Site Guests</label>
                        <sharedTo>
                            <guestUser>Customer_Portal_Site_Guest_User</guestUser>
                        </sharedTo>
                        <criteriaItems>
                            <field>LeadSource</field>
                            <operation>notEqual</operation>
                            <value>Partner</value>
                        </criteriaItems>
                    </sharingGuestRules>
                </SharingRules>
                """);
    }

    @Override
    public void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {
        if (d >= g.days() - 10) {
            guestScraping(g, day, g.special("guest"), dayStart);
        }
    }

    void guestScraping(CrmOrgGenerator g, CrmOrgGenerator.Day day, CrmOrgGenerator.User u, long dayStart) {
        for (int k = 0; k < 7; k++) {
            String ip = "45.83." + g.rnd.nextInt(256) + "." + g.rnd.nextInt(1, 255);
            long t = g.at(dayStart, g.rnd.nextInt(24), g.rnd.nextInt(60));
            String sk = g.key(16);
            day.row(
                    CrmOrgGenerator.Type.Sites,
                    t,
                    u,
                    sk,
                    "",
                    ip,
                    CrmOrgGenerator.v("URI", "/s/sfsites/aura", "HTTP_METHOD", "POST", "SITE_ID", "0DM5g000000Shp1"));
            day.row(
                    CrmOrgGenerator.Type.RestApi,
                    t + 500,
                    u,
                    sk,
                    "",
                    ip,
                    CrmOrgGenerator.v(
                            "URI",
                            "/services/data/v61.0/query",
                            "METHOD",
                            "GET",
                            "MEDIA_TYPE",
                            "application/json",
                            "STATUS_CODE",
                            "200",
                            "ROWS_PROCESSED",
                            "200",
                            "ENTITY_NAME",
                            "Contact"));
        }
    }
}
