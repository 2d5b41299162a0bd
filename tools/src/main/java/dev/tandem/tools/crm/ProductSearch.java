package dev.tandem.tools.crm;

import java.util.List;

/** Look-alike: product search and product detail answering with product data only. */
final class ProductSearch implements Scenario {
    @Override
    public List<Label> labels() {
        return List.of(new Label(
                false,
                "EXCESSIVE_API_RESPONSE_DATA",
                "ENDPOINT",
                "GET api.shopco.com/v1/products/search",
                "product search returning product data only"));
    }

    @Override
    public void captures(CrmOrgGenerator.Captures c) {
        c.add(CrmOrgGenerator.PRODUCT_DISCOVERY, g -> {
            CrmOrgGenerator.entry(
                    g,
                    CrmOrgGenerator.PRODUCT_PAGE,
                    "GET",
                    "https://api.shopco.com/v1/products/search?q=trail+shoe",
                    "",
                    "",
                    200,
                    "application/json",
                    "{\"items\":[{\"sku\":\"TS-42\",\"name\":\"Trail Shoe 42\",\"price\":129.9},"
                            + "{\"sku\":\"TS-43\",\"name\":\"Trail Shoe 43\",\"price\":139.9}]}",
                    false);
            CrmOrgGenerator.entry(
                    g,
                    CrmOrgGenerator.PRODUCT_PAGE,
                    "GET",
                    "https://api.shopco.com/v1/products/trail-shoe-42",
                    "",
                    "",
                    200,
                    "application/json",
                    "{\"sku\":\"TS-42\",\"name\":\"Trail Shoe 42\",\"reviews\":[{\"rating\":5,\"title\":\"Great\"}]}",
                    true);
        });
    }
}
