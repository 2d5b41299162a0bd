package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tandem.server.DomainException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a grant request says (docs/contracts.md §2): every item only when asked for explicitly. */
class GrantRequestTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static IncidentController.GrantRequest of(String body) {
        return IncidentController.GrantRequest.of(JSON.readTree(body));
    }

    private static DomainException refusal(String body) {
        return catchThrowableOfType(DomainException.class, () -> of(body));
    }

    @Test
    void oneItemOrEveryItemGivenExplicitly() {
        assertThat(of("{\"username\":\" responder \",\"evidence\":\" e-1 \"}"))
                .isEqualTo(new IncidentController.GrantRequest("responder", "e-1"));
        assertThat(of("{\"username\":\"responder\",\"evidence\":null}"))
                .isEqualTo(new IncidentController.GrantRequest("responder", null));
    }

    @Test
    void aRequestThatLeavesEvidenceOutGrantsNothing() {
        DomainException e = refusal("{\"username\":\"responder\"}");
        assertThat(e.code()).isEqualTo("missing-evidence");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
        assertThat(e.getMessage()).startsWith("evidence: required").contains("\"evidence\": null");
    }

    @Test
    void otherFaultsNameTheirField() {
        assertThat(refusal("{\"username\":\"responder\",\"evidence\":7}").code())
                .isEqualTo("bad-evidence");
        assertThat(refusal("{\"username\":\"responder\",\"evidence\":[\"e-1\"]}")
                        .code())
                .isEqualTo("bad-evidence");
        assertThat(refusal("{\"evidence\":null}").code()).isEqualTo("missing-username");
        assertThat(refusal("{\"username\":\" \",\"evidence\":null}").code()).isEqualTo("missing-username");
        assertThat(refusal("{\"username\":7,\"evidence\":null}").code()).isEqualTo("missing-username");
        assertThat(refusal("[]").code()).isEqualTo("bad-grant");
    }
}
