package dev.tandem.cli.incident;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import dev.tandem.regulation.notice.Art33Notice;
import dev.tandem.regulation.notice.NoticeGaps;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem notice show|edit|versions|sent --incident ID}: the incident's GDPR Art. 33(3) notice
 * to the supervisory authority ({@code GET|PUT /api/v1/incidents/{id}/notices/gdpr-art33}, {@code
 * …/versions}, {@code …/versions/{n}}, {@code POST …/sent}, {@code POST …/follow-up}; docs/obligations-api.md "GDPR Art. 33(3)
 * notice"). The text is Markdown and its state is in the answer's headers, so {@code show} puts it
 * together from several calls: the text, its version's editor from the versions, its gaps as the
 * server finds them before sending ({@code …/gdpr-art33/gaps}) and, once sent, when. The API keeps every edit as a new version and takes no version to edit against, so
 * {@code edit --editor} checks itself that nobody stored one while the editor was open. Who reads and
 * changes the notice (LEGAL and the incident commander) is the server's to decide: a refusal is its
 * one line, nothing of the notice printed. {@code --notice uk-gdpr-art33} does the same with the UK GDPR
 * Art. 33 notice to the Information Commissioner ({@code …/notices/uk-gdpr-art33}, ADR 145).
 */
@Command(
        name = "notice",
        mixinStandardHelpOptions = true,
        description = {
            "An incident's GDPR Art. 33 notice to the authority: show, edit, versions, sent, follow-up.",
            "--notice uk-gdpr-art33: its UK GDPR Art. 33 notice to the Information Commissioner (ICO).",
            "LEGAL and the incident commander read and change it.",
            IncidentCall.EXIT_CODES
        },
        subcommands = {
            NoticeCommand.ShowCommand.class,
            NoticeCommand.EditCommand.class,
            NoticeCommand.VersionsCommand.class,
            NoticeCommand.SentCommand.class,
            NoticeCommand.FollowUpCommand.class
        })
public final class NoticeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }

    /**
     * A command on one notice, {@code --notice} naming which by its name in the API's paths
     * (docs/obligations-api.md): the GDPR one by default, {@code uk-gdpr-art33} the UK GDPR one.
     */
    abstract static class OnNotice extends IncidentCall.OnIncident {
        @Option(
                names = "--notice",
                paramLabel = "NOTICE",
                description = "gdpr-art33 (default: GDPR Art. 33, to the supervisory authority) or uk-gdpr-art33"
                        + " (UK GDPR Art. 33, to the Information Commissioner).")
        @Nullable
        String noticeName;

        /** The notice named; a usage error naming {@code --notice} for any other name, nothing sent. */
        Art33Notice notice() throws Usage {
            if (noticeName == null) return Art33Notice.EU_GDPR;
            var named = Art33Notice.byId(noticeName.strip());
            if (named.isEmpty()) {
                throw new Usage("--notice: must be gdpr-art33 or uk-gdpr-art33, got '" + noticeName + "'");
            }
            return named.get();
        }

        /** The notice below the incident's path: {@code notices/gdpr-art33}, {@code notices/uk-gdpr-art33}. */
        String noticePath() throws Usage {
            return "notices/" + notice().id();
        }

        /** "GDPR Art. 33", "UK GDPR Art. 33": as the lines printed name the notice (once it was checked). */
        String noticeTitle() {
            return (noticeName == null
                            ? Art33Notice.EU_GDPR
                            : Art33Notice.byId(noticeName.strip()).orElse(Art33Notice.EU_GDPR))
                    .title();
        }
    }

    /** A version number as a header gives it, or null. */
    static @Nullable Integer number(@Nullable String header) {
        try {
            return header == null ? null : Integer.valueOf(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A command that puts its answer together from more than one call, or from a text rather than
     * JSON: {@link #perform} makes the calls and prints.
     */
    abstract static class Composed extends OnNotice {
        /** Its {@code --format json} is the command's own object, not a server's answer as it came. */
        @CommandLine.Spec
        void described(CommandLine.Model.CommandSpec spec) {
            CommandLine.Model.OptionSpec format = spec.findOption("--format");
            spec.remove(format);
            spec.addOption(CommandLine.Model.OptionSpec.builder(format)
                    .description("text (default) or json (what is printed as one JSON object).")
                    .build());
        }

        @Override
        protected abstract int perform(PrintWriter out) throws Usage, ServerConnection.Problem, Refused;

        @Override
        protected final void text(JsonNode answer, PrintWriter out) {
            throw new UnsupportedOperationException("perform prints what the calls answered");
        }
    }

    /** Where the sent text is filed, as the API takes it. */
    static final List<String> REPOSITORIES = List.of("FORENSIC", "AUDIT");

    @Command(
            name = "show",
            description = {
                "Prints the notice: its state, who edited it when, what it still lacks, whether it was sent.",
                "",
                "Then the text. Stale: the awareness or the scope changed after it was written, so the facts it"
                        + " states may be out of date. Gaps: what sending refuses without --incomplete, as the"
                        + " server finds them: each [to be completed: …] left in it, past the deadline the reasons"
                        + " for the delay (GDPR Art. 33(1)), and each stale fact until the text is stored again.",
                IncidentCall.EXIT_CODES
            })
    static final class ShowCommand extends Composed {
        // no mixinStandardHelpOptions: its -V, --version would take --version's name
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Option(
                names = "--version",
                paramLabel = "N",
                description = "A stored version instead of the current text (tandem notice versions lists them).")
        @Nullable
        Integer version;

        @Override
        protected Request request() throws Usage {
            if (version != null && version < 1) {
                throw new Usage("--version: must be a version number, 1 or more, got " + version);
            }
            return Request.get(path(noticePath()));
        }

        @Override
        protected int perform(PrintWriter out) throws Usage, ServerConnection.Problem, Refused {
            Request current = request();
            ServerConnection.Target target = connection.target();
            Answer notice = send(target, current);
            String at = noticePath();
            Answer text = version == null ? notice : send(target, Request.get(path(at + "/versions/" + version)));
            JsonNode versions =
                    send(target, Request.get(path(at + "/versions"))).json(target);
            JsonNode obligations =
                    send(target, Request.get(path("obligations"))).json(target);
            JsonNode gaps = send(target, Request.get(path(at + "/gaps"))).json(target);
            ObjectNode shown = shown(notice, text, versions, obligations, gaps, notice());
            if (format().equals("json")) {
                out.println(shown.toPrettyString());
            } else {
                IncidentText.notice(noticeTitle(), shown, out);
            }
            return TandemCommand.EXIT_OK;
        }

        /**
         * The notice as shown: the state of the whole, then the version shown, its gaps and its text.
         * The current text's gaps are the server's ({@code GET …/gdpr-art33/gaps}): what sending it
         * would be refused for, facts it may state out of date included. An earlier version is not what
         * would be sent: its gaps are those of its own text ({@link NoticeGaps}).
         */
        private ObjectNode shown(
                Answer notice,
                Answer text,
                JsonNode versions,
                JsonNode obligations,
                JsonNode sending,
                Art33Notice which) {
            String markdown = text.text();
            String evidence = notice.header("Tandem-Notice-Evidence");
            Integer number = version != null ? version : number(notice.header("Tandem-Notice-Version"));
            JsonNode stored = JSON.missingNode();
            for (JsonNode v : versions) {
                if (number != null && v.path("version").asInt() == number) stored = v;
            }
            ObjectNode n = object().put("incident", incident);
            n.put("state", notice.header("Tandem-Notice-State"));
            n.put("version", number);
            n.put("versions", versions.size());
            n.put("editedAt", stored.path("editedAt").asString(null));
            n.put("editedBy", stored.path("editedBy").asString(null));
            n.put("sha256", stored.path("sha256").asString(null));
            Integer current = number(notice.header("Tandem-Notice-Version"));
            boolean isCurrent = version == null || version.equals(current);
            String stale = isCurrent ? notice.header("Tandem-Notice-Stale") : null;
            var staleness = n.putArray("stale");
            if (stale != null) List.of(stale.split(",")).forEach(s -> staleness.add(s.strip()));
            n.put("evidence", evidence);
            n.put("sentAt", sentAt(obligations, evidence));
            boolean late = sending.path("late").asBoolean(false);
            n.put("late", late);
            var gaps = n.putArray("gaps");
            if (isCurrent) {
                sending.path("gaps").forEach(g -> gaps.add(g.asString()));
            } else {
                NoticeGaps.of(markdown, late, which).forEach(gaps::add);
            }
            n.put("text", markdown);
            return n;
        }

        /** When the notice kept as {@code evidence} was sent: the filing of the obligation it filed. */
        private static @Nullable String sentAt(JsonNode obligations, @Nullable String evidence) {
            if (evidence == null) return null;
            for (JsonNode o : obligations.path("obligations")) {
                if (evidence.equals(o.path("filingEvidence").asString(null)))
                    return o.path("sentAt").asString(null);
            }
            return null;
        }
    }

    @Command(
            name = "edit",
            mixinStandardHelpOptions = true,
            description = {
                "Stores a new text of the notice as its next version; earlier versions stay readable.",
                "",
                "--file takes the text from a file (- for standard input); --editor opens the current text in"
                        + " $VISUAL or $EDITOR (or the command given) and stores it when it was changed. The API"
                        + " stores every edit as a new version, so --editor stores nothing when someone stored"
                        + " one while it was open (exit 2, the text kept in its file). A sent notice is not edited"
                        + " (409).",
                IncidentCall.EXIT_CODES
            })
    static final class EditCommand extends Composed {
        @Option(names = "--file", paramLabel = "FILE", description = "The new text, Markdown (- for standard input).")
        @Nullable
        String file;

        @Option(
                names = "--editor",
                arity = "0..1",
                fallbackValue = "",
                paramLabel = "COMMAND",
                description = "Edit the current text in COMMAND, or in $VISUAL or $EDITOR (vi when neither is set).")
        @Nullable
        String editor;

        @Override
        protected Request request() throws Usage {
            if ((file == null) == (editor == null)) {
                throw new Usage("--file: give the new text with --file FILE, or edit it with --editor (not both)");
            }
            return Request.get(path(noticePath()));
        }

        @Override
        protected int perform(PrintWriter out) throws Usage, ServerConnection.Problem, Refused {
            Request read = request();
            if (file != null) {
                String text = read(file);
                ServerConnection.Target target = connection.target();
                return stored(send(target, put(text)), out);
            }
            ServerConnection.Target target = connection.target();
            Answer before = send(target, read);
            String started = before.header("Tandem-Notice-Version");
            Path edited;
            String text;
            try {
                edited =
                        Files.createTempFile("tandem-notice-" + incident.replaceAll("[^A-Za-z0-9-]", "_") + "-", ".md");
                Files.writeString(edited, before.text());
                edit(edited);
                text = Files.readString(edited);
            } catch (IOException e) {
                throw new Usage("--editor: " + e.getMessage());
            }
            if (text.equals(before.text())) {
                out.println("the notice of incident " + incident + " was not changed; nothing stored");
                delete(edited);
                return TandemCommand.EXIT_OK;
            }
            // stored only over the text the editor was opened on (If-Match with its ETag): the server
            // refuses with 412 when someone stored a version, or the draft changed, meanwhile
            String etag = before.header("ETag");
            Request store = etag == null ? put(text) : put(text).ifMatch(etag);
            Answer answer;
            try {
                answer = send(target, store);
            } catch (Refused e) {
                // 412 is the If-Match refusal alone (notice-changed): any other refusal is told as it came
                if (e.status() != 412) throw e;
                String latest = send(target, read).header("Tandem-Notice-Version");
                throw new Usage("--editor: the notice of incident " + incident + " changed while you edited it"
                        + " (now " + (latest == null ? "a new generated draft" : "version " + latest)
                        + "; you started from " + (started == null ? "the generated draft" : "version " + started)
                        + "); nothing stored, your text is in " + edited
                        + " (tandem notice show --incident " + incident + ", then edit --file " + edited + ")");
            }
            int exit = stored(answer, out);
            delete(edited);
            return exit;
        }

        private Request put(String text) throws Usage {
            if (text.isBlank()) throw new Usage((file != null ? "--file" : "--editor") + ": the notice text is empty");
            return new Request(
                    "PUT",
                    path(noticePath()),
                    "text/markdown; charset=UTF-8",
                    text.getBytes(StandardCharsets.UTF_8),
                    200);
        }

        private int stored(Answer answer, PrintWriter out) throws Usage {
            if (format().equals("json")) {
                out.println(object().put("incident", incident)
                        .put("version", number(answer.header("Tandem-Notice-Version")))
                        .put("state", answer.header("Tandem-Notice-State"))
                        .put("characters", answer.text().length())
                        .toPrettyString());
            } else {
                out.println("stored version " + answer.header("Tandem-Notice-Version") + " of the " + noticeTitle()
                        + " notice of incident " + incident + " ("
                        + answer.text().length() + " characters)");
                List<String> gaps = NoticeGaps.of(answer.text(), false, notice());
                if (!gaps.isEmpty()) {
                    out.println("it still has " + IncidentText.noticeGaps(gaps.size())
                            + " (tandem notice show --incident " + incident + " lists them)");
                }
            }
            return TandemCommand.EXIT_OK;
        }

        private static String read(String file) throws Usage {
            try {
                return file.equals("-")
                        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new Usage("--file: cannot read " + file + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
            }
        }

        /** Runs the editor on {@code file} through the shell, as git does, so that it may carry options. */
        private void edit(Path file) throws IOException, Usage {
            String command = editor == null || editor.isBlank() ? editorOfTheEnvironment() : editor;
            Process p = new ProcessBuilder("sh", "-c", command + " \"$@\"", command, file.toString())
                    .inheritIO()
                    .start();
            try {
                int exit = p.waitFor();
                if (exit != 0) {
                    throw new Usage("--editor: " + command + " exited with " + exit
                            + "; nothing stored, the text is in " + file);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Usage("--editor: interrupted; nothing stored, the text is in " + file);
            }
        }

        private static String editorOfTheEnvironment() {
            for (String variable : List.of("VISUAL", "EDITOR")) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) return value;
            }
            return "vi";
        }

        private static void delete(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is the system's to clean
            }
        }
    }

    @Command(
            name = "versions",
            mixinStandardHelpOptions = true,
            description = {
                "Lists the notice's stored versions, oldest first: who edited each when, its size and SHA-256.",
                IncidentCall.EXIT_CODES
            })
    static final class VersionsCommand extends OnNotice {

        @Override
        protected Request request() throws Usage {
            return Request.get(path(noticePath() + "/versions"));
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.noticeVersions(noticeTitle(), incident, answer, out);
        }
    }

    @Command(
            name = "sent",
            mixinStandardHelpOptions = true,
            description = {
                "Records that the notice was sent: its text kept as evidence, the Art. 33 obligation FILED.",
                "",
                "The text is filed FORENSIC unless --repository AUDIT (refused while it states a scope resting"
                        + " on FORENSIC evidence). A text with gaps (tandem notice show) is refused unless"
                        + " --incomplete confirms sending it so (GDPR Art. 33(4): information in phases).",
                IncidentCall.EXIT_CODES
            })
    static final class SentCommand extends OnNotice {
        @Option(
                names = "--at",
                paramLabel = "TIME",
                description = "When it was sent, if before now; RFC 3339 with an offset (default: the server's time).")
        @Nullable
        String at;

        @Option(
                names = "--jurisdiction",
                paramLabel = "CC",
                description = "Which Art. 33 obligation it files, when several are owed (no EU establishment).")
        @Nullable
        String jurisdiction;

        @Option(names = "--repository", paramLabel = "REPOSITORY", description = "FORENSIC (default) or AUDIT.")
        @Nullable
        String repository;

        @Option(names = "--incomplete", description = "Send it with the gaps it still has, as listed by show.")
        boolean incomplete;

        @Override
        Map<String, String> options() {
            return Map.of(
                    "sentAt", "--at",
                    "jurisdiction", "--jurisdiction",
                    "repository", "--repository",
                    "incomplete", "--incomplete");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body = object();
            put(body, "sentAt", time("--at", at));
            body.put("incomplete", incomplete);
            put(body, "repository", oneOf("--repository", repository, REPOSITORIES));
            String query = jurisdiction == null ? "" : "?jurisdiction=" + segment(text("--jurisdiction", jurisdiction));
            return Request.json("POST", path(noticePath() + "/sent" + query), body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.noticeSent(noticeTitle(), incident, answer, out);
        }
    }

    @Command(
            name = "follow-up",
            mixinStandardHelpOptions = true,
            description = {
                "Records that the information a notice sent incomplete left out was sent (Art. 33(4): in phases).",
                "",
                "The follow-up is a document counsel writes and uploads first as evidence (tandem evidence add);"
                        + " --evidence names it. It files the pending Art. 33(4) obligation with it and prints the"
                        + " ledger entry and the gaps it gives. Refused (exit 2) when no follow-up is owed: the"
                        + " notice was not sent incomplete, or its follow-up was recorded.",
                IncidentCall.EXIT_CODES
            })
    static final class FollowUpCommand extends OnNotice {
        @Option(
                names = "--evidence",
                required = true,
                paramLabel = "ITEM",
                description = "The evidence item that keeps the follow-up as sent.")
        String evidence = "";

        @Option(
                names = "--sent-at",
                paramLabel = "TIME",
                description = "When it was sent, if before now; RFC 3339 with an offset (default: the server's time).")
        @Nullable
        String sentAt;

        @Override
        Map<String, String> options() {
            return Map.of("evidence", "--evidence", "sentAt", "--sent-at");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body = object();
            body.put("evidence", text("--evidence", evidence.strip()));
            put(body, "sentAt", time("--sent-at", sentAt));
            return Request.json("POST", path(noticePath() + "/follow-up"), body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.noticeFollowUp(noticeTitle(), incident, answer, out);
        }
    }
}
