package dev.tandem.tools.crm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Look-alike: a criteria sharing rule to an internal role. */
final class InternalRoleSharingRule implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                false,
                "SHARING_RULE_EXPOSURE",
                "SHARING_RULE",
                "Account.Share_EMEA_Accounts",
                "criteria sharing rule to an internal role"));
    }

    @Override
    public void metadata(CrmOrgGenerator g, Path root) throws IOException {
        g.xml(root.resolve("sharingRules/Account.sharingRules-meta.xml"), """
                <SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
                    <sharingCriteriaRules>
                        <fullName>Share_EMEA_Accounts</fullName>
                        <accessLevel>Read</accessLevel>
                        <label>Share EMEA Accounts</label>
                        <sharedTo>
                            <roleAndSubordinatesInternal>Sales_EMEA</roleAndSubordinatesInternal>
                        </sharedTo>
                        <criteriaItems>
                            <field>BillingCountry</field>
                            <operation>equals</operation>
                            <value>Germany,France,Spain</value>
                        </criteriaItems>
                    </sharingCriteriaRules>
                </SharingRules>
                """);
    }
}
