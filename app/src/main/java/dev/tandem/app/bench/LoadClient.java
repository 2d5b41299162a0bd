package dev.tandem.app.bench;

import dev.tandem.ledger.ProofVerifier;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client of {@code tandem bench load}: a loop sending one kind of request, one at a time, on a
 * kept-alive HTTP/1.1 connection to its home server process, and recording every request.
 *
 * <p>Failover, with two server processes: a request that gets no answer (connection refused, reset
 * or closed) is recorded as a connection error against the process it went to and is not retried
 * (an upload may have been recorded before the process died); the client sends its next requests
 * to the other process and tries its home process again once a second, with its next request. A
 * try that fails is one more connection error against the home process; the first that succeeds
 * brings the client home. That is what a client holding a list of two addresses does without a load
 * balancer; the errors it sees while its home process is down are counted apart from all others.
 */
final class LoadClient implements Runnable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long RETRY_HOME_NANOS = 1_000_000_000L;

    private final int id;
    private final LoadEndpoint endpoint;
    private final int home;
    private final List<URI> servers;
    private final LoadScenario scenario;
    private final BooleanSupplier running;
    private final SplittableRandom random;
    private final List<LoadSample> samples = new ArrayList<>(1 << 16);
    private final List<String> firstErrors = new ArrayList<>();
    private final @Nullable KeepAliveClient[] connections;

    LoadClient(
            int id,
            LoadEndpoint endpoint,
            int home,
            List<URI> servers,
            LoadScenario scenario,
            BooleanSupplier running) {
        this.id = id;
        this.endpoint = endpoint;
        this.home = home;
        this.servers = List.copyOf(servers);
        this.scenario = scenario;
        this.running = running;
        this.random = new SplittableRandom(20261205L * 31 + id);
        this.connections = new KeepAliveClient[servers.size()];
    }

    List<LoadSample> samples() {
        return samples;
    }

    /** The first few failures this client saw, with the server's answer. */
    List<String> firstErrors() {
        return firstErrors;
    }

    @Override
    public void run() {
        int current = home;
        long retryHomeAt = Long.MAX_VALUE;
        long uploads = 0;
        while (running.getAsBoolean()) {
            if (current != home && System.nanoTime() >= retryHomeAt) {
                current = home;
            }
            int server = current;
            long sent = System.nanoTime();
            int status;
            try {
                KeepAliveClient http = connection(server);
                KeepAliveClient.Answer a = switch (endpoint) {
                    case TIMELINE -> http.get("/api/v1/incidents/" + scenario.timelineIncident() + "/timeline");
                    case METADATA ->
                        http.get("/api/v1/evidence/"
                                + scenario.evidence()
                                        .get(random.nextInt(scenario.evidence().size())));
                    case UPLOAD -> upload(http, uploads++);
                    case PROOF -> proof(http);
                };
                status = a.status();
                if (status != endpoint.expected() && firstErrors.size() < 3) {
                    firstErrors.add(endpoint + " to server " + server + ": " + status + " " + a.body());
                }
            } catch (IOException e) {
                status = LoadSample.CONNECTION_ERROR;
                if (firstErrors.size() < 3) {
                    firstErrors.add(endpoint + " to server " + server + ": " + e);
                }
                drop(server);
            }
            samples.add(new LoadSample(endpoint, server, sent, System.nanoTime(), status));
            if (status == LoadSample.CONNECTION_ERROR) {
                if (servers.size() > 1) {
                    current = (server + 1) % servers.size();
                    retryHomeAt = System.nanoTime() + RETRY_HOME_NANOS;
                } else {
                    pause(); // one process, nowhere to go: do not spin on a dead address
                }
            }
        }
        for (int s = 0; s < connections.length; s++) {
            drop(s);
        }
    }

    private KeepAliveClient connection(int server) throws IOException {
        KeepAliveClient c = connections[server];
        if (c == null) {
            c = new KeepAliveClient(servers.get(server), scenario.token());
            connections[server] = c;
        }
        return c;
    }

    private void drop(int server) {
        KeepAliveClient c = connections[server];
        connections[server] = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** A few KB of fresh random bytes (2 to 6 KiB), so that no two uploads share a blob. */
    private KeepAliveClient.Answer upload(KeepAliveClient http, long n) throws IOException {
        byte[] body = new byte[random.nextInt(2 << 10, (6 << 10) + 1)];
        random.nextBytes(body);
        String incident =
                scenario.uploadIncidents().get(id % scenario.uploadIncidents().size());
        String path = "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=LOG&name=load-" + id + "-" + n
                + ".log&source=bench-load";
        return http.send(http.request("POST", path, "application/octet-stream", body));
    }

    /** An inclusion proof of a random seeded entry in the checkpoint's tree, verified against its root. */
    private KeepAliveClient.Answer proof(KeepAliveClient http) throws IOException {
        int index = random.nextInt(scenario.leafHashes().size());
        KeepAliveClient.Answer a =
                http.get("/api/v1/ledger/proof/inclusion?index=" + index + "&size=" + scenario.proofSize());
        if (a.status() != 200) {
            return a;
        }
        List<byte[]> hashes = new ArrayList<>();
        JsonNode proof = JSON.readTree(a.body());
        proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
        boolean ok = ProofVerifier.verifyInclusion(
                        scenario.leafHashes().get(index), index, scenario.proofSize(), hashes, scenario.proofRoot())
                .ok();
        return ok
                ? a
                : new KeepAliveClient.Answer(
                        LoadSample.BAD_PROOF, "proof of " + index + " did not verify: " + a.body());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
