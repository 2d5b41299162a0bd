package dev.tandem.cli.analyze;

import dev.tandem.intake.IdenticalFiles;
import dev.tandem.intake.Problem;
import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.AnalyzedInput;
import dev.tandem.leak.ContainmentAction;
import dev.tandem.leak.EvidenceRef;
import dev.tandem.leak.Finding;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.leak.ProgressListener;
import dev.tandem.leak.Thresholds;
import dev.tandem.leak.TimelineEntry;
import dev.tandem.payload.ScannerPayloadInspector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code tandem analyze PATH… [--format text|json] [--threads N]} (docs/contracts.md §4): the CRM leak
 * analyzers over files and folders of collected evidence, event logs parsed on all cores unless
 * {@code --threads} says otherwise (the findings are the same; docs/adr/091-start-up-and-analysis-on-all-cores.md). Exit 0 when nothing is found, 1 when something is (any pattern, any severity), 2 for
 * usage errors, when an input could not be read at all and nothing was found, or when nothing in the inputs
 * was recognised as a capture the analysis reads ({@link LeakAnalyzer#RECOGNISED}).
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = "CRM leak analyzers on Salesforce event logs, metadata, HAR files, exports.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no finding (a BULK_READ_NOT_JUDGED problem on stderr still asks for what it names)",
            "1:findings of any pattern or severity",
            "2:usage error, an input could not be read (and nothing was found), or nothing given was recognised"
                    + " as a capture it reads"
        })
public final class AnalyzeCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        text,
        json
    }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders of collected evidence.")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(
            names = "--first-party",
            split = ",",
            paramLabel = "DOMAIN",
            description = "Domains that are the company's own besides each page's (for checkout traffic).")
    List<String> firstParty = new ArrayList<>();

    @Option(
            names = "--min-bulk-records",
            paramLabel = "N",
            description =
                    "Rows in one session that count as bulk (default: " + Thresholds.DEFAULT_MIN_BULK_RECORDS + ").")
    Long minBulkRecords;

    @Option(
            names = "--min-export-records",
            paramLabel = "N",
            description = "Rows in one export that count (default: " + Thresholds.DEFAULT_MIN_EXPORT_RECORDS + ").")
    Long minExportRecords;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads reading event logs (default: all cores); the findings are the same with any.")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && threads < 1) {
            err.println("tandem analyze: --threads must be at least 1");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                err.println("tandem analyze: cannot read " + p + ": no such file or folder, or not readable");
                return 2;
            }
            try {
                expand(p, files);
            } catch (IOException | UncheckedIOException e) {
                err.println("tandem analyze: cannot list " + p + ": " + e.getMessage());
                return 2;
            }
        }
        // a file given twice (a.csv a.csv, or a folder and a file in it) is read once, said so
        dev.tandem.cli.GivenPaths.Result given = dev.tandem.cli.GivenPaths.of(files);
        given.repeats().forEach(r -> err.println("tandem analyze: " + r.message()));
        files = new ArrayList<>(given.distinct());
        // a log downloaded twice (hourly and daily collections, a second run) is read once, said so
        IdenticalFiles.Result identical;
        try {
            identical = IdenticalFiles.of(files);
        } catch (IOException | UncheckedIOException e) {
            err.println("tandem analyze: cannot read " + e.getMessage());
            return 2;
        }
        identical
                .repeats()
                .forEach((again, first) ->
                        err.println("tandem analyze: " + again + ": the same bytes as " + first + "; read once"));
        List<AnalysisInput> inputs = new ArrayList<>();
        for (Path f : identical.distinct()) inputs.add(AnalysisInput.of(f.toString(), f));
        if (inputs.isEmpty()) {
            // nothing read is no clean result: an empty or mistyped folder must not pass for a clean org
            err.println("tandem analyze: no files under "
                    + String.join(", ", paths.stream().map(Path::toString).toList()) + ": nothing was analyzed");
            return 2;
        }
        Thresholds t = Thresholds.defaults();
        if (!firstParty.isEmpty()) {
            t = t.withFirstPartyDomains(new HashSet<>(firstParty));
        }
        if (minBulkRecords != null) {
            t = t.withMinBulkRecords(minBulkRecords);
        }
        if (minExportRecords != null) {
            t = t.withMinExportRecords(minExportRecords);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        AnalysisResult r = new LeakAnalyzer(t, new ScannerPayloadInspector(), n).analyze(inputs, ProgressListener.NONE);
        for (Problem p : r.problems()) {
            err.println("tandem analyze: " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message());
        }
        if (format == Format.json) {
            json(r, out);
        } else {
            text(r, out);
        }
        out.flush();
        boolean nothingRecognised = r.unrecognised().size() == inputs.size();
        if (nothingRecognised) {
            // after the output, where it is read last: read but not analyzed is no clean result either
            nothingRecognised(paths, err);
        }
        err.flush();
        if (!r.findings().isEmpty()) {
            return 1;
        }
        return r.hasUnreadableInput() || nothingRecognised ? 2 : 0;
    }

    /**
     * What a user who gave the wrong file reads at the end (docs/contracts.md §4, "Additions"): that
     * nothing in it was recognised, so nothing was analyzed, and what the analysis recognises.
     */
    static void nothingRecognised(List<Path> given, PrintWriter err) {
        err.println("tandem analyze: nothing in "
                + String.join(", ", given.stream().map(Path::toString).toList())
                + " was recognised as a capture tandem analyze reads, so nothing was analyzed (exit 2);"
                + " it recognises, by header (docs/leak-patterns.md, \"What is read\"):");
        for (String f : LeakAnalyzer.RECOGNISED) {
            err.println("  " + f);
        }
    }

    /** A folder stands for its files, in name order; names are reported as given. */
    private static void expand(Path p, List<Path> files) throws IOException {
        if (!Files.isDirectory(p)) {
            files.add(p);
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
    }

    /**
     * The shape of docs/contracts.md §4, each finding followed by its {@code containment} (the notes on
     * this implementation in docs/contracts.md).
     */
    static void json(AnalysisResult r, PrintWriter out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeName("findings");
            g.writeStartArray();
            for (Finding f : r.findings()) {
                g.writeStartObject();
                g.writeStringProperty("pattern", f.pattern().name());
                g.writeStringProperty("severity", f.severity().name());
                g.writeStringProperty("title", f.title());
                g.writeName("subject");
                g.writeStartObject();
                g.writeStringProperty("kind", f.subject().kind().name());
                g.writeStringProperty("id", f.subject().id());
                g.writeEndObject();
                g.writeName("evidence");
                g.writeStartArray();
                for (EvidenceRef e : f.evidence()) {
                    g.writeStartObject();
                    g.writeStringProperty("file", e.file());
                    g.writeNumberProperty("line", e.line());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeName("records");
                if (f.records() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(f.records());
                }
                g.writeName("controls");
                g.writeStartArray();
                for (String c : f.controls()) {
                    g.writeString(c);
                }
                g.writeEndArray();
                // beyond the contract, after its fields: what the text output proposes, in the shape of
                // the server's findings (docs/contracts.md, notes on this implementation)
                g.writeName("containment");
                g.writeStartArray();
                for (ContainmentAction a : f.containment()) {
                    g.writeStartObject();
                    g.writeStringProperty("action", a.action().name());
                    g.writeName("target");
                    g.writeStartObject();
                    g.writeStringProperty("kind", a.target().kind().name());
                    g.writeStringProperty("id", a.target().id());
                    g.writeEndObject();
                    g.writeStringProperty("configItem", a.configItem());
                    g.writeStringProperty("description", a.description());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("inputs");
            g.writeStartArray();
            for (AnalyzedInput i : r.inputs()) {
                g.writeStartObject();
                g.writeStringProperty("file", i.file());
                g.writeStringProperty("format", i.format());
                g.writeEndObject();
            }
            g.writeEndArray();
            // beyond the contract, after its fields: the setup changes, logins and extractions the
            // findings cite, in time order (docs/contracts.md, notes on this implementation)
            g.writeName("timeline");
            g.writeStartArray();
            for (TimelineEntry e : r.timeline()) {
                g.writeStartObject();
                g.writeStringProperty("at", e.at().toString());
                g.writeStringProperty("kind", e.kind());
                g.writeStringProperty("subject", e.subject());
                g.writeStringProperty("ip", e.ip());
                g.writeStringProperty("text", e.text());
                g.writeStringProperty("file", e.source().file());
                g.writeNumberProperty("line", e.source().line());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    static void text(AnalysisResult r, PrintWriter out) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        for (Finding f : r.findings()) {
            out.println(f.severity() + "  " + f.pattern() + "  " + f.subject().kind() + " "
                    + f.subject().id());
            out.println("  " + f.title());
            out.println("  records exposed: " + (f.records() == null ? "unknown" : n.format(f.records())));
            out.println("  controls: SOC 2 " + String.join(", ", f.controls()) + "; ISO 27001:2022 "
                    + String.join(", ", f.pattern().iso27001()));
            out.println("  evidence:");
            for (EvidenceRef e : f.evidence()) {
                out.println("    " + e.file() + ":" + e.line());
            }
            out.println("  why: " + f.rationale());
            out.println("  containment:");
            for (ContainmentAction a : f.containment()) {
                out.println("    - " + a.description() + "  [" + a.action() + " " + a.configItem() + "]");
            }
            out.println();
        }
        if (!r.timeline().isEmpty()) {
            out.println("timeline (UTC):");
            for (TimelineEntry e : r.timeline()) {
                out.println("  " + e.at().toString().replace('T', ' ') + "  " + e.kind() + "  " + e.subject() + ": "
                        + e.text() + "  [" + e.source() + "]");
            }
            out.println();
        }
        long unreadable =
                r.problems().stream().filter(p -> p.kind().fileLevel()).count();
        out.println(r.findings().size() + " finding(s) in " + r.inputs().size() + " input(s); "
                + n.format(r.stats().events()) + " events, " + r.stats().users() + " users, "
                + r.stats().sessions() + " sessions; " + r.problems().size() + " problem(s)"
                + (unreadable > 0 ? ", " + unreadable + " input(s) not read" : ""));
        long unjudged = r.problems().stream()
                .filter(p -> p.kind() == Problem.Kind.BULK_READ_NOT_JUDGED)
                .count();
        if (unjudged > 0) {
            // exit 0 as the contract's codes have it (ADR 143), but not in the words of a clean org
            out.println("not a clean result: " + unjudged + " bulk read(s) no rule could judge"
                    + " (BULK_READ_NOT_JUDGED above: add what it names and analyze again)");
        }
    }
}
