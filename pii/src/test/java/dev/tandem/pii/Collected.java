package dev.tandem.pii;

import java.util.ArrayList;
import java.util.List;

/** Test sink: everything a scan delivered, in order. */
final class Collected implements ScanSink {
    final List<Finding> findings = new ArrayList<>();
    final List<SubjectRecord> subjects = new ArrayList<>();
    final List<InputProblem> problems = new ArrayList<>();
    final List<String> scanned = new ArrayList<>();

    @Override
    public void finding(Finding f) {
        findings.add(f);
    }

    @Override
    public void subject(SubjectRecord s) {
        subjects.add(s);
    }

    @Override
    public void problem(InputProblem p) {
        problems.add(p);
    }

    @Override
    public void scanned(String file, long bytes) {
        scanned.add(file + ":" + bytes);
    }

    List<String> brief() {
        return findings.stream()
                .map(f -> f.file() + ":" + f.line() + ":" + f.start() + "-" + f.end() + " " + f.entity() + " "
                        + f.value())
                .toList();
    }

    /** Each finding as its value, confidence and doubt code ("-" for none). */
    List<String> confidences() {
        return findings.stream()
                .map(f -> f.value() + " " + f.confidence() + " "
                        + (f.doubt() == null ? "-" : f.doubt().code()))
                .toList();
    }

    /** The scope of the findings at the default threshold. */
    Scope scope() {
        ScopeCounter counter = new ScopeCounter();
        findings.forEach(counter::finding);
        return counter.scope();
    }

    static Collected scan(ScanOptions options, byte[] bytes, String name) throws InterruptedException {
        Collected c = new Collected();
        new PiiScanner(options).scan(new java.io.ByteArrayInputStream(bytes), name, Format.AUTO, c, ScanProgress.NONE);
        return c;
    }
}
