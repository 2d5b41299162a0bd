package dev.tandem.tools.crm;

import java.util.List;

/** Look-alike: card tokenization by the approved payment processor. */
final class PaymentProcessor implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                false,
                "CHECKOUT_PII_TO_THIRD_PARTY",
                "HOST",
                "api.stripe.com",
                "card tokenization by the approved payment processor"));
    }

    @Override
    public void captures(CrmOrgGenerator.Captures c) {
        c.add(
                CrmOrgGenerator.CHECKOUT_SESSION,
                g -> CrmOrgGenerator.entry(
                        g,
                        CrmOrgGenerator.CHECKOUT_PAGE,
                        "POST",
                        "https://api.stripe.com/v1/payment_methods",
                        "application/x-www-form-urlencoded",
                        "type=card&card%5Bnumber%5D=4242424242424242&card%5Bexp_month%5D=12&card%5Bexp_year%5D=2027",
                        200,
                        "application/json",
                        "{\"id\":\"pm_1Nv8sE2eZvKYlo2C\"}",
                        false));
    }
}
