package dev.tandem.cli.witness;

import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.Cosigner;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.witness.Witness;
import dev.tandem.witness.WitnessHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem witness serve}: docs/contracts.md §4, docs/export.md "Witnesses". */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a witness that co-signs the checkpoints of the logs given with --log.",
            "",
            "Serves POST /add-checkpoint (C2SP tlog-witness) for the logs given with --log, co-signing (C2SP"
                    + " tlog-cosignature v1) each checkpoint consistent with the last one co-signed for that log.",
            "",
            "Its key is created in the data directory on first start; give its verifier key to the server"
                    + " (tandem.witnesses) and to auditors (tandem verify --witness-key). Refusals are logged to"
                    + " stderr and to witness.log in the data directory."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "2:usage error, a --log key that does not parse, a --name other than the key's, a --data-dir it"
                    + " cannot write, or a --port or --bind it cannot listen on (one line names it)"
        })
public final class WitnessServeCommand implements Callable<Integer> {
    static final String KEY_FILE = "witness.key";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "D", description = "Key, state and log.")
    Path dataDir = Path.of("");

    @Option(names = "--port", defaultValue = "7380", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(
            names = "--log",
            required = true,
            paramLabel = "VKEY",
            description = "The verifier key of a log to witness (its key name is the log's origin); repeatable.")
    List<String> logs = new ArrayList<>();

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = {
                "The witness's key name, which auditors see beside its cosignatures (tandem verify), set when its"
                        + " key is created: a name that tells this witness from others, such as its host's"
                        + " (default: this host's name). A key's name cannot change: with a key already in"
                        + " --data-dir, a different --name is refused."
            })
    @Nullable
    String name;

    /** Replaced in tests to stop the server. */
    CountDownLatch stop = new CountDownLatch(1);

    /** The port actually bound, once started. */
    volatile int boundPort = -1;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, NoteVerifier> trusted = new LinkedHashMap<>();
        for (String l : logs) {
            try {
                NoteVerifier v = NoteVerifier.parse(l);
                trusted.put(v.keyName(), v);
            } catch (IllegalArgumentException e) {
                err.println("tandem witness serve: --log " + l + ": " + e.getMessage());
                err.flush();
                return TandemCommand.EXIT_USAGE;
            }
        }
        Path keyFile = dataDir.resolve(KEY_FILE);
        Cosigner cosigner;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            return usage(
                    err,
                    "--data-dir " + dataDir + ": cannot create the witness's folder (" + e + ");"
                            + " give a folder this user may write");
        }
        if (Files.exists(keyFile)) {
            try {
                cosigner = Cosigner.fromPrivateKey(
                        Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            } catch (IOException | IllegalArgumentException e) {
                return usage(
                        err,
                        "--data-dir " + dataDir + ": cannot read the witness's key " + keyFile + " (" + e
                                + "); it is left as it is");
            }
            if (name != null && !name.equals(cosigner.name())) {
                err.println("tandem witness serve: --name " + name + ": the witness's key in " + keyFile
                        + " is named " + cosigner.name() + ", and a key's name cannot change (its key id is"
                        + " computed from it); leave --name out to keep that key, or give another --data-dir for a"
                        + " new witness");
                err.flush();
                return TandemCommand.EXIT_USAGE;
            }
        } else {
            String keyName = name != null ? name : defaultName(hostName());
            try {
                cosigner = create(keyFile, keyName);
            } catch (IllegalArgumentException e) {
                err.println("tandem witness serve: --name " + keyName + ": " + e.getMessage());
                err.flush();
                return TandemCommand.EXIT_USAGE;
            } catch (IOException e) {
                return usage(
                        err,
                        "--data-dir " + dataDir + ": cannot write the witness's key (" + e + ");"
                                + " give a folder this user may write");
            }
            err.println("created the witness's key " + cosigner.name() + " in " + keyFile);
            err.flush();
        }
        Path logFile = dataDir.resolve("witness.log");
        Witness witness =
                new Witness(cosigner, trusted, dataDir.resolve("state"), Clock.systemUTC(), new Witness.Events() {
                    @Override
                    public void cosigned(String origin, long size) {
                        line(err, logFile, "cosigned " + origin + " at size " + size);
                    }

                    @Override
                    public void refused(String origin, int status, String reason) {
                        line(err, logFile, "REFUSED " + origin + " (HTTP " + status + "): " + reason);
                    }
                });
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            return usage(
                    err,
                    "--bind " + bind + ": no such address on this host; give one of its addresses,"
                            + " 127.0.0.1 (the default) or 0.0.0.0 for every interface");
        }
        WitnessHttpServer listening;
        try {
            listening = new WitnessHttpServer(witness, address);
        } catch (IOException e) {
            return usage(
                    err,
                    "--port " + port + ": cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                            + "); stop what holds that port or give another --port (--bind: another address)");
        }
        try (WitnessHttpServer server = listening) {
            server.start();
            boundPort = server.port();
            out.println("witness " + cosigner.verifierKey());
            out.println("listening on http://" + bind + ":" + server.port() + "/add-checkpoint for "
                    + String.join(", ", trusted.keySet()));
            out.flush();
            stop.await();
        }
        return TandemCommand.EXIT_OK;
    }

    /** A start refused before the witness listens: one line on stderr, exit 2 (docs/contracts.md §4). */
    private static int usage(PrintWriter err, String message) {
        err.println("tandem witness serve: " + message);
        err.flush();
        return TandemCommand.EXIT_USAGE;
    }

    private static synchronized void line(PrintWriter err, Path logFile, String message) {
        String line = Instant.now() + " " + message;
        err.println(line);
        err.flush();
        try {
            Files.writeString(
                    logFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("warning: cannot write " + logFile + ": " + e.getMessage());
        }
    }

    /**
     * The key name of a witness started without {@code --name}: the host's name, so that two witnesses
     * of one company are told apart in what auditors read; {@code tandem-witness} where the host has
     * no name a key name may carry (signed-note key names hold no spaces and no '+').
     */
    static String defaultName(@Nullable String hostName) {
        if (hostName == null) {
            return "tandem-witness";
        }
        String h = hostName.strip();
        return h.isEmpty() || h.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c) || c < 0x21 || c > 0x7e)
                ? "tandem-witness"
                : h;
    }

    /** The kernel's host name (Linux), else the environment's; no DNS look-up. */
    private static @Nullable String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : System.getenv("COMPUTERNAME");
        }
    }

    private static Cosigner create(Path file, String name) throws IOException {
        Cosigner created = Cosigner.fromPrivateKey(NoteSigner.generate(name).privateKey());
        Path tmp = Files.createTempFile(file.getParent(), KEY_FILE, ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX filesystem
        }
        Files.writeString(tmp, created.privateKey() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return created;
    }
}
