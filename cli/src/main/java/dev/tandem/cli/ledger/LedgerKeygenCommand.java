package dev.tandem.cli.ledger;

import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.NoteSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem ledger keygen [NAME] [--out FILE]}: a new ledger signing key in the form the server
 * reads ({@code TANDEM_LEDGER_SIGNING_KEY}, C2SP signed-note private key), and its verifier key.
 */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Create a ledger signing key for TANDEM_LEDGER_SIGNING_KEY.",
            "Prints the private key on stdout and its verifier key on stderr; with --out, writes the private"
                    + " key to a new file readable by its owner only and prints the verifier key."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:key created",
            "2:a NAME a key cannot carry, or --out names a file that exists (never overwritten) or cannot be"
                    + " written"
        })
public final class LedgerKeygenCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME",
            description = "The key's name, the ledger's origin (default tandem/<8 random hex digits>).")
    @Nullable
    String name;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the private key to this new file (mode 0600) instead of stdout.")
    @Nullable
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String keyName = name != null ? name : "tandem/" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        NoteSigner key;
        try {
            key = NoteSigner.generate(keyName);
        } catch (IllegalArgumentException e) {
            err.println("tandem ledger keygen: " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        if (out == null) {
            stdout.println(key.privateKey());
            stdout.flush();
            err.println("verifier key: " + key.verifierKey());
            err.flush();
            return TandemCommand.EXIT_OK;
        }
        try {
            write(out, key.privateKey() + "\n");
        } catch (FileAlreadyExistsException e) {
            err.println("tandem ledger keygen: " + out + " exists; choose a new file, no key is overwritten");
            return TandemCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("tandem ledger keygen: --out " + out + ": cannot write it ("
                    + dev.tandem.cli.FileProblems.why(out, e) + "); give a new file in a folder that exists");
            return TandemCommand.EXIT_USAGE;
        }
        stdout.println("verifier key: " + key.verifierKey());
        stdout.flush();
        return TandemCommand.EXIT_OK;
    }

    /** Creates {@code file} owner-only before anything is written to it. */
    private static void write(Path file, String text) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }
}
