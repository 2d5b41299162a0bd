package dev.tandem.tools.crm;

import java.util.List;

/** Incident: the checkout page posts e-mail, phone, name and address to a marketing tag host. */
final class CheckoutMarketingTag implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "CHECKOUT_PII_TO_THIRD_PARTY",
                "HOST",
                CrmOrgGenerator.TAG_HOST,
                "checkout page posts email, phone, name and address to a marketing tag host"));
    }

    @Override
    public void captures(CrmOrgGenerator.Captures c) {
        for (int i = 2; i < 5; i++) {
            int n = i;
            c.add(
                    CrmOrgGenerator.CHECKOUT_SESSION,
                    g -> CrmOrgGenerator.entry(
                            g,
                            CrmOrgGenerator.CHECKOUT_PAGE,
                            "POST",
                            "https://" + CrmOrgGenerator.TAG_HOST + "/v1/event",
                            "application/json",
                            "{\"event\":\"purchase\",\"value\":129.90,\"user\":" + CrmOrgGenerator.person(n)
                                    + ",\"address\":{\"street\":\"" + (10 + n)
                                    + " Elm Street\",\"postalCode\":\"62704\"}}}",
                            204,
                            "text/plain",
                            "",
                            false));
        }
    }
}
