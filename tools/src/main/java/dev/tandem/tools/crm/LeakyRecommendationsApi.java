package dev.tandem.tools.crm;

import java.util.List;

/** Incident: the product recommendations API returns recent buyers with e-mail and order history. */
final class LeakyRecommendationsApi implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                true,
                "EXCESSIVE_API_RESPONSE_DATA",
                "ENDPOINT",
                CrmOrgGenerator.LEAKY_ENDPOINT,
                "product recommendations API returns recent buyers with email and order history"));
    }

    @Override
    public void captures(CrmOrgGenerator.Captures c) {
        StringBuilder buyers = new StringBuilder("{\"sku\":\"TS-42\",\"recommendations\":[{\"sku\":\"SK-7\","
                + "\"name\":\"Wool Socks\"}],\"recentBuyers\":[");
        for (int i = 20; i < 32; i++) {
            buyers.append(i > 20 ? "," : "")
                    .append(CrmOrgGenerator.person(i))
                    .append(",\"orderHistory\":[{\"order\":\"SO-")
                    .append(9000 + i)
                    .append("\",\"total\":88.5}]}");
        }
        buyers.append("]}");
        c.add(
                CrmOrgGenerator.PRODUCT_DISCOVERY,
                g -> CrmOrgGenerator.entry(
                        g,
                        CrmOrgGenerator.PRODUCT_PAGE,
                        "GET",
                        "https://api.shopco.com/v1/products/trail-shoe-42/recommendations",
                        "",
                        "",
                        200,
                        "application/json",
                        buyers.toString(),
                        true));
    }
}
