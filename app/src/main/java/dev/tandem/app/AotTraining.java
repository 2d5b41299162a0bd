package dev.tandem.app;

import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem aot-training}: the training run of JDK 25's ahead-of-time cache (JEP 483, JEP 514,
 * JEP 515), run once at build time by the launcher with {@code -XX:AOTCacheOutput}. It runs, in
 * this process, the commands people wait for at a prompt: {@code --version}, {@code deadlines}
 * (text and JSON), {@code scan} of small files (a log as text and JSON Lines; a CSV and a JSON Lines export) and {@code analyze} of a small
 * generated org (6 MB), so the classes they load and link, and their method profiles, are in the
 * cache. Kept lean on purpose: every class in the cache is loaded at each start.
 */
@Command(name = "aot-training", hidden = true, description = "Training run for the ahead-of-time cache (build time).")
public final class AotTraining implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("tandem-aot-training");
        try {
            Path sample = dir.resolve("sample.log");
            Path org = dir.resolve("org");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                sb.append("2026-11-26T10:15:00Z INFO ticket=")
                        .append(i)
                        .append(" from=jane.doe")
                        .append(i)
                        .append("@example.com ip=203.0.113.")
                        .append(i % 250)
                        .append(" card=4111 1111 1111 1111 phone=+49 30 901820 iban=DE89370400440532013000\n");
            }
            Files.writeString(sample, sb, StandardCharsets.UTF_8);
            // customer exports as CSV and JSON Lines: a scan reads them as records cut into parts,
            // classes the text sample never loads (a class missing from the cache is looked for in
            // every jar of the class path before the one that holds it: ~0.1 s, ADR 097)
            Path exports = dir.resolve("exports");
            Files.createDirectories(exports);
            StringBuilder csv = new StringBuilder("id,first_name,last_name,email,phone,country,card,iban,ip\n");
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                csv.append(i)
                        .append(",Jane,Doe")
                        .append(i)
                        .append(",jane.doe")
                        .append(i)
                        .append("@example.com,+49 30 901820,DE,4111-1111-1111-1111,DE89370400440532013000,198.51.100.")
                        .append(i % 250)
                        .append('\n');
                jsonl.append("{\"id\":\"cus_")
                        .append(i)
                        .append("\",\"name\":\"John Roe\",\"email\":\"john.roe")
                        .append(i)
                        .append("@example.org\",\"phone\":\"+1 212 555 0100\",\"address\":{\"city\":\"Boston\",")
                        .append("\"state\":\"MA\",\"country\":\"US\"},\"ssn\":\"123-45-6789\"}\n");
            }
            Files.writeString(exports.resolve("contacts.csv"), csv, StandardCharsets.UTF_8);
            Files.writeString(exports.resolve("customers.jsonl"), jsonl, StandardCharsets.UTF_8);
            List<String[]> runs = List.of(
                    new String[] {"--version"},
                    new String[] {
                        "deadlines", "--aware", "2026-11-26T10:00:00Z", "--subjects", "DE=1200,US-CA=300,FR=40"
                    },
                    new String[] {
                        "deadlines", "--aware", "2026-11-26T10:00:00Z", "--subjects", "DE=1200", "--format", "json"
                    },
                    new String[] {"scan", sample.toString()},
                    new String[] {"scan", sample.toString(), "--format", "jsonl", "--threads", "1"},
                    new String[] {"scan", exports.toString(), "--format", "jsonl", "--threads", "1"},
                    // a small org (every event type, every leak pattern) analysed on two threads: the
                    // analysis's methods start with profiles of every kind of row, so the JIT compiles
                    // them once instead of again each time a new kind of row turns up
                    new String[] {
                        "generate",
                        "crm-org",
                        "--out",
                        org.toString(),
                        "--rows",
                        "20000",
                        "--users",
                        "100",
                        "--days",
                        "7",
                        "--seed",
                        "1"
                    },
                    new String[] {"analyze", org.toString(), "--threads", "2", "--format", "json"});
            PrintWriter nowhere = new PrintWriter(java.io.Writer.nullWriter());
            for (String[] args : runs) {
                CommandLine cl = Main.commandLine(args);
                cl.setOut(nowhere);
                cl.setErr(nowhere);
                cl.execute(args);
            }
            return TandemCommand.EXIT_OK;
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
