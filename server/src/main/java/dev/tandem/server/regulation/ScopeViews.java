package dev.tandem.server.regulation;

import dev.tandem.server.access.Access;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An incident's scope as one caller may read it, for the pages: the same answer as
 * {@code GET /api/v1/incidents/{id}/scope} (docs/obligations-api.md), withheld where that call
 * withholds it ({@link ObligationController#withheld}: a scope resting on FORENSIC evidence is
 * LEGAL's and the incident commander's). Who may ask at all is the policy's {@code SCOPE_READ}.
 */
@Component
public class ScopeViews {
    private final Obligations obligations;

    ScopeViews(Obligations obligations) {
        this.obligations = obligations;
    }

    /** What the caller reads of the scope. */
    public sealed interface Answer permits None, Withheld, Shown {}

    /** No scope was set yet (the API's 404 {@code no-scope}). */
    public record None() implements Answer {}

    /** The scope rests on FORENSIC evidence the caller may not read (the API's 403). */
    public record Withheld() implements Answer {}

    /**
     * @param subjects affected people by ISO 3166-1 country or ISO 3166-2 subdivision
     * @param data the data categories involved
     * @param restsOnForensic the scope was derived from FORENSIC evidence (a PII scan): only a caller
     *     who may read such a scope (LEGAL, the incident commander) is given one that is; the
     *     auditor reads no scope at all ({@code SCOPE_READ})
     */
    public record Shown(
            Map<String, Long> subjects,
            List<String> data,
            boolean encrypted,
            Instant updatedAt,
            String updatedBy,
            long ledgerIndex,
            boolean restsOnForensic)
            implements Answer {
        public long people() {
            return subjects.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Answer read(String incident, Access access) {
        var stored = obligations.scopeOf(incident);
        if (stored.isEmpty()) {
            return new None();
        }
        if (ObligationViews.withheld(stored.get(), access)) {
            return new Withheld();
        }
        Scope scope = stored.get().scope();
        return new Shown(
                scope.subjects().counts(),
                scope.dataNames(),
                scope.encrypted(),
                stored.get().updatedAt(),
                stored.get().updatedBy(),
                stored.get().ledgerIndex(),
                stored.get().restsOnForensic());
    }
}
