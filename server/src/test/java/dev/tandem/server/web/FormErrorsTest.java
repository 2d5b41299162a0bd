package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.web.FormErrors.PageError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shapes in which the pages put a refusal in the model, each read with the id of its message. */
class FormErrorsTest {
    @Test
    void readsEveryShapeWithTheIdOfItsMessage() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("errors", Map.of("businessProcesses", "businessProcesses: required"));
        model.put("lifecycleError", "phase: refused");
        model.put("formError", Map.of("obligation", "o1", "form", "status", "message", "justification: needed"));
        model.put("scopeError", "subjects: unknown country code 'XX'");
        model.put("scopeErrorField", "subjects");
        model.put("error", "text: required");
        model.put("errorForm", "file");
        model.put("title", "not an error");
        assertThat(FormErrors.collect(model))
                .containsExactly(
                        new PageError("businessProcesses: required", "err-businessProcesses"),
                        new PageError("phase: refused", "lifecycle-error"),
                        new PageError("justification: needed", "error-o1"),
                        new PageError("subjects: unknown country code 'XX'", "s-subjects-error"),
                        new PageError("text: required", "file-error"));
    }

    @Test
    void anAnswerToARequestNamesTheRequestsMessage() {
        assertThat(FormErrors.collect(
                        Map.of("error", "evidence: required", "errorForm", "answer", "errorRequest", "r1")))
                .containsExactly(new PageError("evidence: required", "error-r1"));
    }

    @Test
    void aPageWithoutRefusalsHasNone() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("errors", Map.of());
        model.put("draft", Map.of("title", "x"));
        assertThat(FormErrors.collect(model)).isEmpty();
    }
}
