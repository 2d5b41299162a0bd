package dev.tandem.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScannerPayloadInspectorTest {
    final ScannerPayloadInspector inspector = new ScannerPayloadInspector();

    PayloadPii inspect(String body) {
        return inspector.inspect(body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void countsValidatedPersonalDataAndDistinctPeople() {
        PayloadPii pii = inspect("{\"customers\":["
                + "{\"email\":\"maria.keller@example.de\",\"phone\":\"+49 30 12345678\",\"firstName\":\"Maria\"},"
                + "{\"email\":\"john.roe@example.com\",\"card\":\"4539 5787 6362 1486\",\"firstName\":\"John\"}]}");
        assertThat(pii.emails()).isEqualTo(2);
        assertThat(pii.cards()).isEqualTo(1);
        assertThat(pii.phones()).isEqualTo(1);
        assertThat(pii.names()).isGreaterThanOrEqualTo(2);
        assertThat(pii.records()).isEqualTo(2);
    }

    @Test
    void ignoresLookAlikesThatTheScannerRejects() {
        String body = "{\"asset\":\"icon@2x.png\",\"order\":\"4111 1111 1111 1112\",\"sku\":\"1234567890123\"}";
        assertThat(new JsonPayloadInspector()
                        .inspect(body.getBytes(StandardCharsets.UTF_8), "application/json")
                        .emails())
                .as("the structural inspector checks a domain as the scanner does")
                .isZero();
        assertThat(inspect(body)).isEqualTo(PayloadPii.NONE);
    }

    @Test
    void productDataIsNotPersonalData() {
        assertThat(inspect("{\"products\":[{\"id\":\"P-100\",\"name\":\"Trail shoe\",\"price\":89.5}]}"))
                .isEqualTo(PayloadPii.NONE);
    }

    @Test
    void productNamesThatLookLikePeopleAreNoPeople() {
        // the scanner alone takes a capitalised two-word value under "name" for a person
        PayloadPii pii = inspect("{\"product\":{\"sku\":\"NW-TR2\",\"name\":\"Grace Hopper Trail Runner\","
                + "\"brand\":{\"name\":\"Ada Lovelace\"}},\"related\":[{\"name\":\"Alan Turing\",\"sku\":\"NW-1\"}]}");
        assertThat(pii.any()).isFalse();
        assertThat(pii.records()).isZero();
    }

    @Test
    void readsAQueryStringOrFormPercentDecoded() {
        // a checkout page's pixel call: the phone's "+" travels as %2B
        PayloadPii pixel = inspector.inspect("ev=checkout&phone=%2B14155552671".getBytes(StandardCharsets.UTF_8), "");
        assertThat(pixel.phones()).isEqualTo(1);
        PayloadPii form = inspector.inspect(
                "em=jane.roe%40example.com&ph=%2B14155552671&n=Jane+Roe".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        assertThat(form.emails()).isEqualTo(1);
        assertThat(form.phones()).isEqualTo(1);
        assertThat(new String(
                        ScannerPayloadInspector.decodedForm("a=%ZZ&phone=%2B1".getBytes(StandardCharsets.UTF_8), ""),
                        StandardCharsets.UTF_8))
                .as("a malformed escape is kept as it came, the rest decoded")
                .isEqualTo("a=%ZZ\nphone: +1\n");
        assertThat(inspector.inspect("{\"q\":\"a=b\"}".getBytes(StandardCharsets.UTF_8), "application/json"))
                .isEqualTo(PayloadPii.NONE);
    }

    @Test
    void aRetinaImageBesideAProductsNameMakesNoPerson() {
        // with "…@2x.png" taken for an e-mail, the product's own name read as a person's beside it
        PayloadPii pii = inspect("{\"id\":123,\"name\":\"Trail Runner\","
                + "\"images\":[\"https://cdn.shop.example/img/trail@2x.png\"],"
                + "\"price\":{\"amount\":\"129.00\",\"currency\":\"EUR\"}}");
        assertThat(pii).isEqualTo(PayloadPii.NONE);
        assertThat(inspect("{\"name\":\"Jane Roe\",\"email\":\"jane.roe@example.com\"}")
                        .names())
                .isEqualTo(1);
    }
}
