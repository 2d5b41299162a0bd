package dev.tandem.tools.crm;

import java.util.List;

/** Look-alike: third-party fonts on the checkout page, no personal data. */
final class CheckoutFonts implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                false,
                "CHECKOUT_PII_TO_THIRD_PARTY",
                "HOST",
                "fonts.gstatic.com",
                "third-party fonts on checkout, no personal data"));
    }

    @Override
    public void captures(CrmOrgGenerator.Captures c) {
        c.add(
                CrmOrgGenerator.CHECKOUT_SESSION,
                g -> CrmOrgGenerator.entry(
                        g,
                        CrmOrgGenerator.CHECKOUT_PAGE,
                        "GET",
                        "https://fonts.gstatic.com/s/inter/v13/UcCO3FwrK3iLTeHuS_fvQtMwCp50KnMw2boKoduKmMEVuLyfMZg.woff2",
                        "",
                        "",
                        200,
                        "font/woff2",
                        "",
                        false));
    }
}
