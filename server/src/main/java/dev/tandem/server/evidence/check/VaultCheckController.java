package dev.tandem.server.evidence.check;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The vault check (administrators, docs/access.md; docs/contracts.md §2): {@code POST
 * /api/v1/admin/vault/check} queues a job that re-hashes every stored blob against its record and
 * answers 202 with the job; {@code GET /api/v1/admin/vault/check/{id}} answers how far it is and
 * what it found, {@code POST …/{id}/cancel} stops it. A problem's evidence items carry their
 * {@code name} only for a caller who may read the item.
 */
@RestController
class VaultCheckController {
    private static final String PATH = "/api/v1/admin/vault/check";

    private final Jobs jobs;
    private final Vault vault;
    private final Memberships memberships;
    private final JsonMapper json;

    VaultCheckController(Jobs jobs, Vault vault, Memberships memberships, JsonMapper json) {
        this.jobs = jobs;
        this.vault = vault;
        this.memberships = memberships;
        this.json = json;
    }

    @PostMapping(PATH)
    @Guard(Action.VAULT_CHECK)
    ResponseEntity<Map<String, Object>> start(Access access) {
        Job job = jobs.submit(VaultCheckJob.KIND, null, json.createObjectNode(), access.username());
        return ResponseEntity.accepted()
                .location(URI.create(PATH + "/" + job.id()))
                .body(view(job, access));
    }

    @GetMapping(PATH + "/{id}")
    @Guard(Action.VAULT_CHECK)
    Map<String, Object> get(Access access, @PathVariable String id) {
        return view(find(id), access);
    }

    @PostMapping(PATH + "/{id}/cancel")
    @Guard(Action.VAULT_CHECK)
    Map<String, Object> cancel(Access access, @PathVariable String id) {
        find(id);
        return view(jobs.cancel(id, access.username()), access);
    }

    private Job find(String id) {
        return jobs.find(id)
                .filter(j -> j.kind().equals(VaultCheckJob.KIND) && j.incidentId() == null)
                .orElseThrow(() -> DomainException.notFound("vault check", id));
    }

    /** The job with what it found so far (or in the end) at the top level. */
    private Map<String, Object> view(Job j, Access access) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("status", j.status().name());
        m.put("requestedBy", j.requestedBy());
        m.put("requestedAt", j.requestedAt().toString());
        m.put("startedAt", j.startedAt() == null ? null : j.startedAt().toString());
        m.put("finishedAt", j.finishedAt() == null ? null : j.finishedAt().toString());
        m.put("error", j.error());
        m.put("cancelRequested", j.cancelRequested());
        JsonNode r = j.result();
        m.put("checked", r == null ? 0 : r.path("checked").asLong());
        m.put("total", r == null ? j.totalUnits() : r.path("total").asLong());
        m.put("bytes", r == null ? 0 : r.path("bytes").asLong());
        m.put("totalBytes", r == null ? 0 : r.path("totalBytes").asLong());
        m.put("damaged", r == null ? 0 : r.path("damaged").asLong());
        m.put("missing", r == null ? 0 : r.path("missing").asLong());
        if (r != null && r.has("intact")) {
            m.put("intact", r.path("intact").asLong());
        }
        var problems = json.createArrayNode();
        if (r != null) {
            for (JsonNode p : r.path("problems")) {
                ObjectNode copy = (ObjectNode) p.deepCopy();
                for (JsonNode item : copy.path("items")) {
                    name((ObjectNode) item, access);
                }
                problems.add(copy);
            }
        }
        m.put("problems", problems);
        return m;
    }

    /** Adds an evidence item's name when the caller may read the item (a member with the right). */
    private void name(ObjectNode item, Access access) {
        String incident = item.path("incident").asString(null);
        if (!"evidence".equals(item.path("kind").asString("")) || incident == null) return;
        vault.find(item.path("id").asString())
                .filter(e -> memberships
                        .caller(access.username(), access.caller().admin(), incident)
                        .mayRead(e.id(), e.repository()))
                .ifPresent(e -> item.put("name", e.name()));
    }
}
