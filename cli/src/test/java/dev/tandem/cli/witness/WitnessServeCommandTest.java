package dev.tandem.cli.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.NoteSigner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WitnessServeCommandTest {

    @TempDir
    Path dir;

    private final String log = NoteSigner.generate("tandem/test-log").verifierKey();

    /** One start of the witness, stopped as soon as it listens: exit code, stdout and stderr. */
    private List<String> start(String... extra) {
        List<String> args =
                new ArrayList<>(List.of("--data-dir", dir.resolve("w").toString(), "--port", "0", "--log", log));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** {@code tandem witness serve} with exactly these arguments, stopped as soon as it listens. */
    private static List<String> run(String... args) {
        WitnessServeCommand command = new WitnessServeCommand();
        command.stop = new CountDownLatch(0);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return List.of(String.valueOf(exit), out.toString(), err.toString());
    }

    private String keyFile() throws Exception {
        return Files.readString(dir.resolve("w").resolve(WitnessServeCommand.KEY_FILE), StandardCharsets.US_ASCII);
    }

    @Test
    void theNameGivenWhenTheKeyIsCreatedIsTheKeysAndIsKeptOnTheNextStart() throws Exception {
        List<String> first = start("--name", "witness.auditor.example");
        assertThat(first.get(0)).isEqualTo("0");
        assertThat(first.get(1)).startsWith("witness witness.auditor.example+");
        assertThat(first.get(2)).contains("created the witness's key witness.auditor.example in ");
        assertThat(keyFile()).startsWith("PRIVATE+KEY+witness.auditor.example+");
        String key = keyFile();

        List<String> again = start();
        assertThat(again.get(0)).isEqualTo("0");
        assertThat(again.get(1)).startsWith("witness witness.auditor.example+");
        assertThat(again.get(2)).doesNotContain("created");
        assertThat(keyFile()).isEqualTo(key);

        List<String> same = start("--name", "witness.auditor.example");
        assertThat(same.get(0)).isEqualTo("0");
    }

    @Test
    void anotherNameForAnExistingKeyIsRefusedAndTheKeyKept() throws Exception {
        start("--name", "witness-a");
        String key = keyFile();
        List<String> r = start("--name", "witness-b");
        assertThat(r.get(0)).isEqualTo(String.valueOf(TandemCommand.EXIT_USAGE));
        assertThat(r.get(1)).isEmpty();
        assertThat(r.get(2))
                .contains("--name witness-b", "is named witness-a", "a key's name cannot change", "another --data-dir");
        assertThat(keyFile()).isEqualTo(key);
    }

    @Test
    void aNameNoKeyMayCarryIsAUsageErrorAndNoKeyIsWritten() {
        List<String> r = start("--name", "two words");
        assertThat(r.get(0)).isEqualTo(String.valueOf(TandemCommand.EXIT_USAGE));
        assertThat(r.get(2)).contains("--name two words", "without spaces");
        assertThat(dir.resolve("w").resolve(WitnessServeCommand.KEY_FILE)).doesNotExist();
    }

    @Test
    void aPortInUseIsOneLineNamingTheOptionNotAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<String> r =
                    run("--data-dir", dir.resolve("w").toString(), "--port", String.valueOf(port), "--log", log);
            assertThat(r.get(0)).isEqualTo(String.valueOf(TandemCommand.EXIT_USAGE));
            assertThat(r.get(1)).isEmpty();
            assertThat(r.get(2))
                    .contains(
                            "tandem witness serve: --port " + port + ": cannot listen on 127.0.0.1:" + port,
                            "give another --port")
                    .doesNotContain("\tat ", "Exception in");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        List<String> r = run("--data-dir", file.resolve("w").toString(), "--port", "0", "--log", log);
        assertThat(r.get(0)).isEqualTo(String.valueOf(TandemCommand.EXIT_USAGE));
        assertThat(r.get(2))
                .startsWith("tandem witness serve: --data-dir " + file.resolve("w") + ": cannot create")
                .doesNotContain("\tat ");
        assertThat(r.get(2).lines()).hasSize(1);
    }

    @Test
    void anAddressThisHostDoesNotHaveIsOneLineNamingBind() {
        List<String> r = start("--bind", "no-such-host.invalid");
        assertThat(r.get(0)).isEqualTo(String.valueOf(TandemCommand.EXIT_USAGE));
        assertThat(r.get(2)).contains("tandem witness serve: --bind no-such-host.invalid: no such address");
    }

    @Test
    void withoutANameTheKeyIsNamedAfterTheHost() throws Exception {
        List<String> r = start();
        assertThat(r.get(0)).isEqualTo("0");
        String host = Files.exists(Path.of("/proc/sys/kernel/hostname"))
                ? Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()
                : null;
        String expected = WitnessServeCommand.defaultName(host);
        assertThat(keyFile()).startsWith("PRIVATE+KEY+" + expected + "+");
        assertThat(r.get(1)).startsWith("witness " + expected + "+");
    }

    @Test
    void theDefaultNameIsTheHostsWhereAKeyNameMayCarryIt() {
        assertThat(WitnessServeCommand.defaultName("audit-box-7\n")).isEqualTo("audit-box-7");
        assertThat(WitnessServeCommand.defaultName("witness.example.com")).isEqualTo("witness.example.com");
        assertThat(WitnessServeCommand.defaultName(null)).isEqualTo("tandem-witness");
        assertThat(WitnessServeCommand.defaultName("  ")).isEqualTo("tandem-witness");
        assertThat(WitnessServeCommand.defaultName("a+b")).isEqualTo("tandem-witness");
        assertThat(WitnessServeCommand.defaultName("münchen")).isEqualTo("tandem-witness");
    }
}
