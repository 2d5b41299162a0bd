package dev.tandem.cli.ledger;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.NoteVerifier;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem ledger verify}: docs/contracts.md §4. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a server's ledger against its signed checkpoint.",
            "",
            "Recomputes every leaf hash and the root, checks the checkpoint signature, every readable entry"
                    + " against its leaf (entries served as leaf hashes only are placed in the tree as given),"
                    + " inclusion proofs of every page's first and last entry plus a random sample, and a"
                    + " consistency proof; names the entry or stored hash that differs from the signed tree.",
            "",
            "Exit codes: 0 verified, 1 tampering found, 2 usage or refused request, 3 server unreachable or token"
                    + " refused."
        })
public final class LedgerVerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ServerConnection connection = new ServerConnection();

    @Option(
            names = "--key",
            paramLabel = "VERIFIER_KEY",
            description = "The log's verifier key, obtained out of band (<name>+<hex id>+<base64 key>)."
                    + " Without it the key the server presents is used, with a warning.")
    @Nullable
    String key;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "16",
            description = "Random inclusion proofs to fetch and check besides each page's first and last entry"
                    + " (default: ${DEFAULT-VALUE}; 0: none; the tree size or more: every entry).")
    int samples;

    @CommandLine.Mixin
    WitnessOptions witnesses = new WitnessOptions();

    /** Replaced in tests; else made when the command runs, not when it is registered (a client starts TLS and a thread). */
    @org.jspecify.annotations.Nullable
    HttpClient http;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConnection.Target target;
        try {
            target = connection.target();
        } catch (ServerConnection.Problem e) {
            return usage(err, e.getMessage());
        }
        if (samples < 0) {
            return usage(err, "--samples must not be negative");
        }
        if (key != null) {
            try {
                NoteVerifier.parse(key);
            } catch (IllegalArgumentException e) {
                return usage(err, "--key: " + e.getMessage());
            }
        }
        String problem = witnesses.problem();
        if (problem != null) {
            return usage(err, problem);
        }
        out.println("Ledger at " + target.base());
        try {
            LedgerAudit audit = new LedgerAudit(
                    new LedgerClient(target.base(), target.token(), http != null ? http : LedgerClient.defaultHttp()),
                    key,
                    samples,
                    new SecureRandom(),
                    out,
                    err);
            audit.witnesses(witnesses.keys(), witnesses.quorum());
            return audit.run();
        } catch (ServerUnavailableException e) {
            err.println("tandem ledger verify: " + e.getMessage());
            return e.exit();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int usage(PrintWriter err, @Nullable String message) {
        err.println("tandem ledger verify: " + message);
        return TandemCommand.EXIT_USAGE;
    }
}
