package dev.tandem.app.bench;

import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.ledger.ProofVerifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem bench ledger-proofs-db}: inclusion and consistency proofs at a million entries as a
 * client gets them, from a server process reading its stored subtree hashes (the JDBC node store)
 * on H2 and on PostgreSQL. The log is written straight into the database in JDBC batches, with the
 * same {@link CompactRange} node computation the sequencer uses; the server then starts on it and
 * serves proofs. Reference, side by side: the same proofs from the same nodes in memory.
 * {@code tandem bench ledger-proofs} covers the in-memory store against recompute-from-leaves.
 */
@Command(
        name = "ledger-proofs-db",
        mixinStandardHelpOptions = true,
        description = "Proof latency (p50/p99) at 1M entries from a server on H2 and PostgreSQL, beside in-memory.")
public final class LedgerProofsDbBench implements Callable<Integer> {
    private static final double TARGET_P99_MS = 5.0;
    private static final String TOKEN = "bench-proofs-admin-token-" + Long.toHexString(System.nanoTime());

    @Option(names = "--entries", paramLabel = "N", description = "Entries to load (default ${DEFAULT-VALUE}).")
    int entries = 1_000_000;

    @Option(names = "--proofs", paramLabel = "N", description = "Timed proofs of each kind (default ${DEFAULT-VALUE}).")
    int proofs = 2_000;

    @Option(
            names = "--warmup",
            paramLabel = "SECONDS",
            description =
                    "Unmeasured seconds of proofs before timing, at least 500 of each (default ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--db", paramLabel = "DB", description = "h2, postgres or both (default ${DEFAULT-VALUE}).")
    String db = "both";

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the server's data directory goes (default: the temp dir).")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public Integer call() throws Exception {
        if (!List.of("h2", "postgres", "both").contains(db) || entries < 2 || proofs < 1) {
            System.err.println("need --db h2|postgres|both, --entries >= 2, --proofs >= 1");
            return TandemCommand.EXIT_USAGE;
        }
        System.out.printf(
                Locale.ROOT,
                "ledger-proofs-db: %,d entries, %,d timed proofs of each kind per store, one client on one"
                        + " kept-alive HTTP/1.1 connection over loopback; every proof is also verified%n",
                entries,
                proofs);
        Files.createDirectories(dir); // --dir may name a folder not made yet
        if (!db.equals("postgres")) {
            Path data = Files.createTempDirectory(dir, "tandem-bench-proofs-h2-");
            run("h2", data, null);
            LedgerAppendBench.deleteTree(data);
        }
        if (!db.equals("h2")) {
            Path data = Files.createTempDirectory(dir, "tandem-bench-proofs-pg-");
            try (ScratchPostgres pg = ScratchPostgres.create("tandem_bench_proofs")) {
                run("postgres", data, pg);
            }
            LedgerAppendBench.deleteTree(data);
        }
        return TandemCommand.EXIT_OK;
    }

    private void run(String store, Path data, @Nullable ScratchPostgres pg) throws Exception {
        NoteSigner signer = NoteSigner.generate("tandem/bench-proofs");
        ServerProcess.Launch launch = ServerProcess.Launch.ofThisExecutable(data, data.resolve("server.log"))
                .withJvmOptions("-Xmx1g")
                .withEnv("TANDEM_LEDGER_SIGNING_KEY", signer.privateKey())
                .withEnv("TANDEM_ADMIN_TOKEN", TOKEN);
        if (pg != null) {
            for (var e : pg.serverEnvironment().entrySet()) {
                launch = launch.withEnv(e.getKey(), e.getValue());
            }
        }
        // First start: the schema, the installation and the head row, as any server creates them.
        ServerProcess.start(launch, Duration.ofSeconds(180)).close();
        long t0 = System.nanoTime();
        InMemoryNodeStore memory = new InMemoryNodeStore();
        Loaded loaded;
        try (Connection c = pg != null
                ? pg.connect()
                : DriverManager.getConnection(
                        "jdbc:h2:file:" + data.resolve("db/tandem").toAbsolutePath()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "sa",
                        "")) {
            loaded = load(c, signer, memory);
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s loaded %,d entries and %,d nodes with JDBC batches in %.1f s%n",
                store,
                entries,
                memory.size(),
                (System.nanoTime() - t0) / 1e9);
        try (ServerProcess server = ServerProcess.start(launch, Duration.ofSeconds(180))) {
            measure(store, server, loaded, memory);
        }
    }

    record Loaded(long size, byte[] root, List<byte[]> leafHashes) {}

    /** Appends {@link #entries} leaves after the existing ones, exactly as the sequencer would store them. */
    private Loaded load(Connection c, NoteSigner signer, InMemoryNodeStore memory) throws Exception {
        LedgerSeed.Seeded s = LedgerSeed.append(c, signer, entries, index -> null, memory::putAll);
        return new Loaded(s.size(), s.root(), s.leafHashes());
    }

    private void measure(String store, ServerProcess server, Loaded log, InMemoryNodeStore memory) throws Exception {
        SplittableRandom random = new SplittableRandom(20261127);
        long n = log.size();
        try (KeepAliveClient http = new KeepAliveClient(URI.create(server.baseUrl()), TOKEN)) {
            // Warm-up, unmeasured: a server in service has compiled its hot paths, a fresh one has not.
            long warmUntil = System.nanoTime() + warmup * 1_000_000_000L;
            int warmed = 0;
            while (System.nanoTime() < warmUntil || warmed < 500) {
                get(http, "/api/v1/ledger/proof/inclusion?index=" + random.nextLong(n) + "&size=" + n);
                get(http, "/api/v1/ledger/proof/consistency?from=" + (1 + random.nextLong(n - 1)) + "&to=" + n);
                getText(http, "/api/v1/ledger/key");
                warmed++;
            }
            System.gc(); // the bench's own heap holds the million-entry reference; collect before timing
            measure(store, http, log, memory, random, warmed);
        }
    }

    private void measure(
            String store,
            KeepAliveClient http,
            Loaded log,
            InMemoryNodeStore memory,
            SplittableRandom random,
            int warmed)
            throws Exception {
        long n = log.size();
        long[] inclusion = new long[proofs];
        long[] consistency = new long[proofs];
        long[] inclusionMemory = new long[proofs];
        long[] consistencyMemory = new long[proofs];
        long[] floor = new long[proofs];
        int failures = 0;
        for (int i = 0; i < proofs; i++) {
            long index = random.nextLong(n);
            long t0 = System.nanoTime();
            JsonNode p = get(http, "/api/v1/ledger/proof/inclusion?index=" + index + "&size=" + n);
            inclusion[i] = System.nanoTime() - t0;
            if (!ProofVerifier.verifyInclusion(log.leafHashes().get((int) index), index, n, hashes(p), log.root())
                    .ok()) {
                failures++;
            }
            t0 = System.nanoTime();
            MerkleLog.inclusionProof(index, n, memory);
            inclusionMemory[i] = System.nanoTime() - t0;

            long from = 1 + random.nextLong(n - 1);
            t0 = System.nanoTime();
            JsonNode q = get(http, "/api/v1/ledger/proof/consistency?from=" + from + "&to=" + n);
            consistency[i] = System.nanoTime() - t0;
            if (!ProofVerifier.verifyConsistency(from, n, MerkleLog.rootHash(from, memory), log.root(), hashes(q))
                    .ok()) {
                failures++;
            }
            t0 = System.nanoTime();
            MerkleLog.consistencyProof(from, n, memory);
            consistencyMemory[i] = System.nanoTime() - t0;

            // the floor: the cheapest authenticated call (no database), same client, same moment
            t0 = System.nanoTime();
            getText(http, "/api/v1/ledger/key");
            floor[i] = System.nanoTime() - t0;
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s floor       GET /api/v1/ledger/key p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                store,
                percentile(floor, 50),
                percentile(floor, 99),
                percentile(floor, 100));
        print(store, "inclusion", inclusion, inclusionMemory);
        print(store, "consistency", consistency, consistencyMemory);
        System.out.printf(
                Locale.ROOT,
                "%-9s %d of %d proofs failed verification (after %,d unmeasured rounds of warm-up)%n",
                store,
                failures,
                2 * proofs,
                warmed);
    }

    private static void print(String store, String kind, long[] server, long[] memory) {
        double p50 = percentile(server, 50);
        double p99 = percentile(server, 99);
        System.out.printf(
                Locale.ROOT,
                "%-9s %-11s server p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms   in-memory p50 %6.3f ms p99 %6.3f ms"
                        + "   (target p99 < %.0f ms: %s)%n",
                store,
                kind,
                p50,
                p99,
                percentile(server, 100),
                percentile(memory, 50),
                percentile(memory, 99),
                TARGET_P99_MS,
                p99 < TARGET_P99_MS ? "met" : "NOT met");
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static JsonNode get(KeepAliveClient http, String path) throws Exception {
        return Mapper.JSON.readTree(getText(http, path));
    }

    private static String getText(KeepAliveClient http, String path) throws Exception {
        KeepAliveClient.Answer a = http.get(path);
        if (a.status() != 200) {
            throw new IllegalStateException(path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> out = new ArrayList<>();
        proof.path("hashes").forEach(h -> out.add(Base64.getDecoder().decode(h.asString())));
        return out;
    }

    /** Built on first use, not when the command is registered at every start of the executable. */
    private static final class Mapper {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }
}
