package dev.tandem.server.leak;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.server.DomainException;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests leak analyses: checks what is to be analyzed, then queues a {@code LEAK_ANALYSIS} job
 * whose input lists the evidence ids, so that the job (and a re-run of it after a restart) reads
 * exactly the items named when it was queued.
 */
@Service
public class Analyses {
    public static final String KIND = "LEAK_ANALYSIS";
    /** Kinds that {@code all} leaves out: people's documents and images are not what the analyzers read. */
    static final Set<EvidenceKind> NOT_ANALYZED =
            EnumSet.of(EvidenceKind.DOCUMENT, EvidenceKind.SCREENSHOT, EvidenceKind.FORENSIC_IMAGE);

    static final int MAX_ITEMS = 10_000;

    private final Jobs jobs;
    private final Incidents incidents;
    private final Vault vault;
    private final JsonMapper json;

    Analyses(Jobs jobs, Incidents incidents, Vault vault, JsonMapper json) {
        this.jobs = jobs;
        this.incidents = incidents;
        this.vault = vault;
        this.json = json;
    }

    /** What to analyze. */
    public sealed interface Request {}

    /** The items named, in the order given (repeats are read once). */
    public record Listed(List<String> evidence) implements Request {
        public Listed {
            evidence = List.copyOf(evidence);
        }
    }

    /** Every item of the incident the analyzers read: all kinds but documents, screenshots and disk images. */
    public record All() implements Request {}

    /**
     * Queues an analysis and answers the job.
     *
     * @throws DomainException 404 for an unknown incident; 422 for an empty selection, or an id that is
     *     not evidence of this incident
     */
    public Job submit(String incidentId, Request request, String actor) {
        return submit(incidentId, request, actor, item -> true);
    }

    /**
     * Queues an analysis of the items {@code allowed} lets the caller analyze: a listed item it
     * refuses is a 403; {@code all} selects only the items it allows.
     */
    public Job submit(String incidentId, Request request, String actor, Predicate<EvidenceItem> allowed) {
        incidents.find(incidentId).orElseThrow(() -> DomainException.notFound("incident", incidentId));
        List<EvidenceItem> items = switch (request) {
            case Listed l -> {
                List<EvidenceItem> listed = listed(incidentId, l.evidence());
                for (EvidenceItem i : listed) {
                    if (!allowed.test(i)) {
                        throw DomainException.forbidden("evidence: item " + i.id() + " is " + i.repository()
                                + " evidence, which you may not analyze");
                    }
                }
                yield listed;
            }
            case All a -> {
                List<EvidenceItem> all = vault.ofIncident(incidentId).stream()
                        .filter(i -> !NOT_ANALYZED.contains(i.kind()))
                        .filter(allowed)
                        .toList();
                if (all.isEmpty()) {
                    throw DomainException.unprocessable(
                            "no-evidence",
                            "incident " + incidentId + " has no evidence to analyze (documents, screenshots and"
                                    + " disk images are not analyzed)");
                }
                yield all;
            }
        };
        ObjectNode input = json.createObjectNode();
        if (request instanceof All) {
            input.put("all", true);
        }
        ArrayNode ids = input.putArray("evidence");
        items.forEach(i -> ids.add(i.id()));
        return jobs.submit(KIND, incidentId, input, actor);
    }

    private List<EvidenceItem> listed(String incidentId, List<String> ids) {
        if (ids.isEmpty()) {
            throw DomainException.unprocessable("no-evidence", "evidence: the list is empty; name at least one item");
        }
        if (ids.size() > MAX_ITEMS) {
            throw DomainException.unprocessable(
                    "too-much-evidence", "evidence: at most " + MAX_ITEMS + " items in one analysis");
        }
        List<EvidenceItem> items = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            // evidence of another incident is answered as unknown: its existence is not this caller's business
            vault.find(id)
                    .filter(i -> i.incidentId().equals(incidentId))
                    .ifPresentOrElse(items::add, () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            throw DomainException.unprocessable(
                    "unknown-evidence",
                    "evidence: no item " + String.join(", ", unknown.subList(0, Math.min(20, unknown.size())))
                            + (unknown.size() > 20 ? " (and " + (unknown.size() - 20) + " more)" : "")
                            + " in incident " + incidentId);
        }
        return items;
    }
}
