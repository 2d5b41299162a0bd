package dev.tandem.server.export;

import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The export bag for a signed-in browser (docs/web.md): the same bag as {@code GET
 * /api/v1/incidents/{id}/export} (docs/contracts.md §5), under the web chain's session, guarded by
 * the same action. The auditor's portal links it, with {@code since} set to the checkpoint they last
 * verified so that the bag carries the consistency proof from it.
 */
@WebPages
class ExportPages {
    private final Exports exports;

    ExportPages(Exports exports) {
        this.exports = exports;
    }

    @GetMapping("/incidents/{id}/export")
    @Guard(Action.INCIDENT_EXPORT)
    void export(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String since,
            HttpServletResponse response)
            throws IOException {
        ExportController.stream(exports, exports.plan(id, access.username(), Exports.since(since)), response);
    }
}
