package dev.tandem.server.export;

import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.identity.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/incidents/{id}/export} (docs/contracts.md §5): the bag as {@code application/zip}. */
@RestController
class ExportController {
    static final String CHECKPOINT_HEADER = "Tandem-Checkpoint";

    private final Exports exports;

    ExportController(Exports exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/incidents/{id}/export")
    @Guard(Action.INCIDENT_EXPORT)
    void export(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String since,
            HttpServletResponse response)
            throws IOException {
        stream(exports, exports.plan(id, actor.username(), Exports.since(since)), response);
    }

    /**
     * Writes the bag of {@code plan} as the answer: here, and on the incident's page route
     * {@code /incidents/{id}/export} ({@link ExportPages}), which a signed-in browser follows.
     */
    static void stream(Exports exports, Exports.Plan plan, HttpServletResponse response) throws IOException {
        // Written on the request thread, streamed (as evidence content is): nothing of the bag is kept in memory
        // but its manifests.
        response.setContentType("application/zip");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(plan.fileName(), StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader(
                CHECKPOINT_HEADER,
                plan.checkpoint().size() + " "
                        + java.util.Base64.getEncoder()
                                .encodeToString(plan.checkpoint().rootHash()));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OutputStream out = response.getOutputStream();
        exports.write(plan, out);
        out.flush();
    }
}
