package dev.tandem.server.evidence.check;

import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.JobContext;
import dev.tandem.server.job.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs {@link Vault#check}: progress in blobs ({@code done}/{@code total}), and what it found so far
 * ({@code checked}, {@code bytes}, {@code damaged}, {@code missing}, {@code problems}) as the job's
 * result while it runs. It records nothing, so it is safe to run again from the start.
 */
@Component
class VaultCheckJob implements JobHandler {
    static final String KIND = "VAULT_CHECK";

    private final Vault vault;
    private final JsonMapper json;

    VaultCheckJob(Vault vault, JsonMapper json) {
        this.vault = vault;
        this.json = json;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode run(Job job, JobContext context) throws Exception {
        long[] totalBytes = {0};
        Vault.CheckResult r = vault.check(p -> {
            totalBytes[0] = p.totalBytes();
            context.progress(
                    p.checked(),
                    p.total(),
                    summary(p.checked(), p.total(), p.bytes(), p.totalBytes(), p.damaged(), p.missing(), p.problems()));
        });
        long missing =
                r.problems().stream().filter(p -> p.status().equals("missing")).count();
        ObjectNode result = summary(
                r.checked(),
                r.checked(),
                r.bytes(),
                Math.max(r.bytes(), totalBytes[0]),
                (int) (r.problems().size() - missing),
                (int) missing,
                r.problems());
        result.put("intact", r.intact());
        return result;
    }

    private ObjectNode summary(
            int checked,
            int total,
            long bytes,
            long totalBytes,
            int damaged,
            int missing,
            java.util.List<Vault.Problem> problems) {
        ObjectNode n = json.createObjectNode()
                .put("checked", checked)
                .put("total", total)
                .put("bytes", bytes)
                .put("totalBytes", totalBytes)
                .put("damaged", damaged)
                .put("missing", missing);
        n.set("problems", json.valueToTree(problems));
        return n;
    }
}
