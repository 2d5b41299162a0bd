package dev.tandem.cli.evidence;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import dev.tandem.evidence.EvidenceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem evidence add}: streams each file to the vault while hashing it, and checks that
 * the server recorded the same SHA-256 as was computed here, where the evidence was collected.
 */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Stream files into an incident's evidence vault; prints the id and SHA-256 of each.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file added, the server recording the SHA-256 it hashed to here",
            "1:the server recorded another SHA-256 than the file's",
            "2:usage error, a FILE that is not a readable file (nothing sent), or a refused request (4xx)",
            "3:server unreachable, token refused or server error"
        })
public final class EvidenceAddCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ServerConnection connection = new ServerConnection();

    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident to add the files to.")
    String incident;

    @Option(
            names = "--repository",
            paramLabel = "R",
            defaultValue = "FORENSIC",
            description = "FORENSIC (privileged, default) or AUDIT (auditor-visible).")
    String repository;

    @Option(
            names = "--kind",
            paramLabel = "K",
            completionCandidates = Kinds.class,
            description = "Evidence kind, one of ${COMPLETION-CANDIDATES}; guessed from each file's name if absent.")
    @Nullable
    String kind;

    @Option(names = "--source", paramLabel = "TEXT", description = "Where the files came from.")
    @Nullable
    String source;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the files are, recorded with each item.")
    @Nullable
    String description;

    @Option(
            names = "--privilege-basis",
            paramLabel = "TEXT",
            description = "FORENSIC only: why counsel holds the files privileged (e.g. \"Work product: prepared at"
                    + " counsel's direction\"), recorded in each item's privileged ledger entry.")
    @Nullable
    String privilegeBasis;

    @Option(names = "--collected-at", paramLabel = "RFC3339", description = "When the files were collected (RFC 3339).")
    @Nullable
    String collectedAt;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to add, each one evidence item.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConnection.Target target;
        try {
            target = connection.target();
        } catch (ServerConnection.Problem e) {
            err.println("tandem evidence add: " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                err.println("tandem evidence add: " + f + ": not a readable file");
                return TandemCommand.EXIT_USAGE;
            }
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int worst = TandemCommand.EXIT_OK;
        for (Path f : files) {
            int rc = upload(http, target, f, out, err);
            if (rc == TandemCommand.EXIT_UNREACHABLE) {
                return rc;
            }
            worst = Math.max(worst, rc);
        }
        return worst;
    }

    private int upload(HttpClient http, ServerConnection.Target target, Path file, PrintWriter out, PrintWriter err) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            err.println("tandem evidence add: " + file + ": " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("repository", repository.toUpperCase(Locale.ROOT));
        q.put("kind", kind != null ? kind.toUpperCase(Locale.ROOT) : guessKind(file));
        q.put("name", file.getFileName().toString());
        if (source != null) q.put("source", source);
        if (description != null) q.put("description", description);
        if (collectedAt != null) q.put("collectedAt", collectedAt);
        if (privilegeBasis != null) q.put("privilegeBasis", privilegeBasis);
        StringBuilder query = new StringBuilder();
        q.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI uri = target.resolve(
                "api/v1/incidents/" + URLEncoder.encode(incident, StandardCharsets.UTF_8) + "/evidence" + query);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + target.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> open(file, sha256)), size))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail(err, file, ServerConnection.unreachable(target.base(), e));
        } catch (UncheckedIOException e) {
            err.println("tandem evidence add: " + file + ": upload failed: "
                    + e.getCause().getMessage());
            return TandemCommand.EXIT_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TandemCommand.EXIT_UNREACHABLE;
        }
        int status = response.statusCode();
        if (status != 201) {
            return fail(err, file, ServerConnection.answered(status, response.body()));
        }
        JsonNode body;
        try {
            body = Mapper.JSON.readTree(response.body());
        } catch (JacksonException e) {
            err.println("tandem evidence add: " + file + ": unexpected answer " + status + " from " + uri);
            return TandemCommand.EXIT_UNREACHABLE;
        }
        String local = HexFormat.of().formatHex(sha256.digest());
        String recorded = body.path("sha256").asString("");
        if (!local.equals(recorded)) {
            err.println("tandem evidence add: " + file + ": the server recorded SHA-256 " + recorded
                    + " but the file hashed to " + local + " here");
            return TandemCommand.EXIT_FOUND;
        }
        out.println(body.path("id").asString() + "  " + recorded + "  " + file);
        return TandemCommand.EXIT_OK;
    }

    private static int fail(PrintWriter err, Path file, ServerConnection.Failure failure) {
        err.println("tandem evidence add: " + file + ": " + failure.message());
        return failure.exit();
    }

    private static InputStream open(Path file, MessageDigest digest) {
        try {
            digest.reset();
            return new DigestInputStream(Files.newInputStream(file), digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A best guess from the file name; --kind overrides it. */
    static String guessKind(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".har")) return EvidenceKind.HTTP_CAPTURE.name();
        if (n.endsWith(".log") || n.endsWith(".log.gz") || n.contains("eventlog")) return EvidenceKind.LOG.name();
        if (n.endsWith(".csv") || n.endsWith(".jsonl") || n.endsWith(".json")) return EvidenceKind.DATA_EXPORT.name();
        if (n.endsWith("-meta.xml") || n.endsWith(".yaml") || n.endsWith(".yml"))
            return EvidenceKind.CONFIG_SNAPSHOT.name();
        if (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg")) return EvidenceKind.SCREENSHOT.name();
        if (n.endsWith(".pdf") || n.endsWith(".md") || n.endsWith(".docx") || n.endsWith(".txt"))
            return EvidenceKind.DOCUMENT.name();
        if (n.endsWith(".dd") || n.endsWith(".e01") || n.endsWith(".img") || n.endsWith(".raw"))
            return EvidenceKind.FORENSIC_IMAGE.name();
        return EvidenceKind.OTHER.name();
    }

    /** The kinds the server accepts ({@link EvidenceKind}, which it parses {@code kind} with). */
    static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(EvidenceKind.values())
                    .map(Enum::name)
                    .iterator();
        }
    }

    /** Built on first use, not when the command is registered at every start of the executable. */
    private static final class Mapper {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }
}
