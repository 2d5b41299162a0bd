package dev.tandem.tools.crm;

import java.util.List;

/** Look-alike: the checkout sends the buyer's details to the shop's own API. */
final class FirstPartyCheckout implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                false,
                "CHECKOUT_PII_TO_THIRD_PARTY",
                "HOST",
                "api.shopco.com",
                "first-party checkout calls carrying the buyer's details"));
    }

    @Override
    public void captures(CrmOrgGenerator.Captures c) {
        c.add(
                CrmOrgGenerator.CHECKOUT_SESSION,
                g -> CrmOrgGenerator.entry(
                        g,
                        CrmOrgGenerator.CHECKOUT_PAGE,
                        "POST",
                        "https://api.shopco.com/v2/checkout/orders",
                        "application/json",
                        CrmOrgGenerator.person(1)
                                + ",\"shippingAddress\":{\"street\":\"12 Market St\",\"city\":\"Springfield\"},"
                                + "\"paymentToken\":\"tok_1Nv8sE2eZvKYlo2C\"}",
                        201,
                        "application/json",
                        "{\"orderId\":\"SO-10442\",\"status\":\"CREATED\"}",
                        false));
        c.add(CrmOrgGenerator.CHECKOUT_FIRST_PARTY, g -> {
            CrmOrgGenerator.entry(
                    g,
                    CrmOrgGenerator.REVIEW_PAGE,
                    "POST",
                    "https://api.shopco.com/v2/checkout/orders",
                    "application/json",
                    CrmOrgGenerator.person(9) + ",\"billingAddress\":{\"street\":\"9 Oak Ave\",\"city\":\"Portland\"}}",
                    201,
                    "application/json",
                    "{\"orderId\":\"SO-10443\"}",
                    false);
            CrmOrgGenerator.entry(
                    g,
                    CrmOrgGenerator.REVIEW_PAGE,
                    "GET",
                    "https://www.shopco.com/checkout/confirmation?order=SO-10443",
                    "",
                    "",
                    200,
                    "text/html",
                    "<html><body>Thank you</body></html>",
                    false);
        });
    }
}
