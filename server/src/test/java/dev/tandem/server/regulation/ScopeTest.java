package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.InvalidScopeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class ScopeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Scope parse(String json) {
        return Scope.fromJson(JSON.readTree(json));
    }

    @Test
    void readsSubjectsDataAndEncryptionAsTheCliWouldWriteThem() {
        Scope s = parse("{\"subjects\":{\"DE\":1200,\"us-ca\":800,\"PR\":5},\"data\":[\"payment_card\",\"CONTACT\"],"
                + "\"encrypted\":true}");
        assertThat(s.subjectsSpec()).isEqualTo("DE=1200,US-CA=800,US-PR=5");
        assertThat(s.dataNames()).containsExactly("CONTACT", "PAYMENT_CARD");
        assertThat(s.data()).containsExactlyInAnyOrder(DataCategory.CONTACT, DataCategory.PAYMENT_CARD);
        assertThat(s.encrypted()).isTrue();
    }

    @Test
    void roundTripsThroughItsStoredForm() {
        Scope s = parse("{\"subjects\":{\"DE\":1200,\"US-TX\":300},\"data\":[\"HEALTH\"]}");
        Scope back = Scope.stored(s.subjectsSpec(), String.join(",", s.dataNames()), s.encrypted());
        assertThat(back.subjectsSpec()).isEqualTo(s.subjectsSpec());
        assertThat(back.data()).isEqualTo(s.data());
        assertThat(back.encrypted()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"subjects\":{\"XX\":1}}|'XX'",
                "{\"subjects\":{\"UK\":1}}|'UK'",
                "{\"subjects\":{\"US-ZZ\":1}}|'US-ZZ'",
                "{\"subjects\":{\"DE\":-3}}|-3",
                "{\"subjects\":{\"DE\":1.5}}|1.5",
                "{\"subjects\":{\"DE\":\"12\"}}|\"12\"",
                "{\"subjects\":{\"DE\":1},\"data\":[\"SHOE_SIZE\"]}|'SHOE_SIZE'",
                "{\"subjects\":{\"DE\":1},\"data\":\"CONTACT\"}|data",
                "{\"subjects\":{\"DE\":1},\"encrypted\":\"no\"}|\"no\"",
                "{\"subjects\":{\"DE\":1},\"colour\":1}|'colour'",
                "{\"data\":[\"CONTACT\"]}|subjects",
                "[1,2]|JSON object"
            })
    void rejectsBadInputNamingTheValue(String body, String named) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining(named);
    }
}
