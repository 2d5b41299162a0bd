package dev.tandem.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonPayloadInspectorTest {
    private final PayloadInspector inspector = new JsonPayloadInspector();

    private PayloadPii inspect(String body, String type) {
        return inspector.inspect(body.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void countsPeopleAndTheirDataInJsonByFieldNames() {
        PayloadPii p = inspect("""
                {"recentBuyers": [
                  {"email": "ann@example.org", "firstName": "Ann", "last_name": "Lee", "phone": "+1 212 555 0101",
                   "billing": {"street": "1 Main St", "postalCode": "10001"}},
                  {"email": "ANN@example.org", "firstName": "Ann"},
                  {"email": "bob@example.org", "card": {"number": "4111 1111 1111 1111"}}
                ]}
                """, "application/json");
        assertThat(p.emails()).isEqualTo(3);
        assertThat(p.names()).isEqualTo(3);
        assertThat(p.phones()).isEqualTo(1);
        assertThat(p.addresses()).isEqualTo(1);
        assertThat(p.cards()).isEqualTo(1);
        assertThat(p.records()).isEqualTo(2);
    }

    @Test
    void findsNothingInProductData() {
        PayloadPii p = inspect("""
                {"items": [{"sku": "TS-42", "name": "Trail Shoe", "price": 129.9, "gtin": "4006381333931",
                            "reviews": [{"rating": 5, "title": "Great"}]}]}
                """, "application/json");
        assertThat(p.any()).isFalse();
        assertThat(p.records()).isZero();
    }

    @Test
    void recognisesCardNumbersOnlyWhenTheyPassLuhn() {
        assertThat(JsonPayloadInspector.luhnCard("4242424242424242")).isTrue();
        assertThat(JsonPayloadInspector.luhnCard("4242424242424241")).isFalse();
        assertThat(JsonPayloadInspector.luhnCard("0000000000000000")).isFalse();
        assertThat(inspect("{\"note\": \"paid with 4242-4242-4242-4242\"}", "").cards())
                .isEqualTo(1);
        assertThat(inspect("{\"orderNo\": \"1234567890123456\"}", "").cards()).isZero();
    }

    @Test
    void readsFormBodiesAndFreeText() {
        PayloadPii form = inspect("email=jo%40example.com&first_name=Jo&tel=%2B44+20+7946+0000", "");
        assertThat(form.emails()).isEqualTo(1);
        assertThat(form.phones()).isEqualTo(1);
        assertThat(form.records()).isEqualTo(1);
        PayloadPii text =
                inspect("contact a@x.io or b@y.io, not sha256 9f86d081884c7d659a2feaa0c55ad015", "text/plain");
        assertThat(text.emails()).isEqualTo(2);
        assertThat(text.records()).isEqualTo(2);
    }

    @Test
    void ignoresHashedEmails() {
        PayloadPii p = inspect(
                "{\"em\": \"8c3b1a5f0b6a3e2f4d5c6b7a8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f\"}", "application/json");
        assertThat(p.any()).isFalse();
    }

    @Test
    void aNameInAProductObjectIsNoPersonButANameBesideAnEmailOrUnderACustomerIs() {
        PayloadPii product = inspect("""
                {"product": {"sku": "NW-TR2", "name": "Grace Hopper Trail Runner",
                             "brand": {"name": "Ada Lovelace Atelier"}},
                 "items": [{"name": "Marie Curie Blue", "qty": 1}],
                 "recommendations": [{"name": "Alan Turing Runner", "price": 99}]}
                """, "application/json");
        assertThat(product.any()).isFalse();
        assertThat(product.records()).isZero();

        PayloadPii customer = inspect("""
                {"customer": {"name": "Lena Brandt", "tier": "gold"},
                 "recentBuyers": [{"name": "Astrid Lindqvist", "email": "astrid.l@example.se"}]}
                """, "application/json");
        assertThat(customer.names()).isEqualTo(2);
        assertThat(customer.records()).isEqualTo(2);
    }
}
