package dev.tandem.server.leak;

import dev.tandem.evidence.Repository;
import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.Contributions;
import dev.tandem.server.evidence.EvidenceItem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The evidence items of one analysis as analyzer inputs. Items with the same content (the same
 * SHA-256) are read once, as one {@link Source}: analyzing a blob twice would double its rows and
 * make volumes look unusual. Each source is named after its first item, so that evidence lines read
 * {@code <evidence name>:<line>} (or {@code <name>!/<member>:<line>} inside a zip); a name already
 * taken by another source is prefixed with the item's id, keeping the end of the name (its
 * extension, its base name) that format recognition looks at.
 *
 * <p>Every byte handed to the analyzer is hashed on the way; when the analyzer closes a source, the
 * rest of it is read and the digest compared with the SHA-256 recorded at intake, so a finding is
 * linked to exactly the bytes it was computed from. A blob that cannot be opened or does not match
 * is a {@link #failures() failure}: the job then fails instead of recording findings.
 */
final class EvidenceInputs {
    private static final HexFormat HEX = HexFormat.of();
    private static final int DRAIN = 64 * 1024;

    /**
     * One distinct content: the items that hold it, analyzed under {@code name} as the analyzer's
     * input at {@code position}.
     */
    record Source(int position, String name, String sha256, long size, List<EvidenceItem> items) {
        Source {
            items = List.copyOf(items);
        }

        /** True when any item holding these bytes is in the FORENSIC repository. */
        boolean privileged() {
            return items.stream().anyMatch(i -> i.repository() == Repository.FORENSIC);
        }
    }

    /** Opens an item's bytes from the vault. */
    @FunctionalInterface
    interface Opener {
        InputStream open(EvidenceItem item) throws IOException;
    }

    private final List<Source> sources;
    private final List<String> failures = new ArrayList<>();
    private long bytesRead;

    private EvidenceInputs(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Groups {@code items} by content, named in the order given, and read auditor-visible content
     * first: an event a FORENSIC log repeats from an AUDIT one is then left out of the FORENSIC log
     * (its {@code REPEATED_ROWS} problem is privileged), counted once, and the AUDIT log's public
     * statistics never move with what counsel's evidence holds (ADR 098).
     */
    static EvidenceInputs of(List<EvidenceItem> items) {
        Map<String, List<EvidenceItem>> byHash = new LinkedHashMap<>();
        for (EvidenceItem i : items) {
            byHash.computeIfAbsent(i.sha256(), k -> new ArrayList<>()).add(i);
        }
        Set<String> names = new HashSet<>();
        List<Source> sources = new ArrayList<>();
        for (List<EvidenceItem> same : byHash.values()) {
            EvidenceItem first = same.getFirst();
            // "!/" separates an archive from its members in evidence lines; uploads refuse it, and
            // an item stored before that is analyzed under a name without it (ADR 062)
            String own = first.name().replace("!/", "!_/");
            String name = names.contains(own) ? first.id() + "/" + own : own;
            names.add(name);
            sources.add(new Source(sources.size(), name, first.sha256(), first.size(), same));
        }
        List<Source> reading = new ArrayList<>(sources.size());
        for (boolean privileged : new boolean[] {false, true}) {
            for (Source s : sources) {
                if (s.privileged() == privileged) {
                    reading.add(new Source(reading.size(), s.name(), s.sha256(), s.size(), s.items()));
                }
            }
        }
        return new EvidenceInputs(reading);
    }

    List<Source> sources() {
        return sources;
    }

    long totalBytes() {
        return sources.stream().mapToLong(Source::size).sum();
    }

    /** Bytes read from the vault so far, the remainder drained for the hash check included. */
    long bytesRead() {
        return bytesRead;
    }

    /** Why sources could not be read as received; empty when every byte checked out. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * The sources an evidence line, problem or finding source of the analysis came from: the inputs
     * whose reading produced that file name, as the analyzer recorded it (by input, never by
     * matching names). Empty when no input did.
     */
    List<Source> sourcesOf(String file, Contributions contributions) {
        List<Source> out = new ArrayList<>();
        for (int position : contributions.inputsOf(file)) {
            if (position >= 0 && position < sources.size()) {
                out.add(sources.get(position));
            }
        }
        return out;
    }

    /**
     * Whether what came from {@code file} is privileged: when any source it came from is, and when
     * no input is known to have produced it and any input is (the conservative choice).
     */
    boolean privileged(String file, Contributions contributions) {
        List<Source> from = sourcesOf(file, contributions);
        return from.isEmpty()
                ? sources.stream().anyMatch(Source::privileged)
                : from.stream().anyMatch(Source::privileged);
    }

    /**
     * One analyzer input per source; each opens the vault only when the analyzer reaches it.
     * {@code onRead} is told the running byte count as bytes go by.
     */
    List<AnalysisInput> inputs(Opener vault, LongConsumer onRead) {
        List<AnalysisInput> inputs = new ArrayList<>(sources.size());
        for (Source s : sources) {
            inputs.add(new AnalysisInput(s.name(), () -> open(s, vault, onRead)));
        }
        return inputs;
    }

    private InputStream open(Source s, Opener vault, LongConsumer onRead) throws IOException {
        EvidenceItem item = s.items().getFirst();
        try {
            return new Verifying(s, vault.open(item), onRead);
        } catch (IOException | RuntimeException e) {
            failures.add(describe(item) + ": its content (SHA-256 " + s.sha256() + ") cannot be read from the vault: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static String describe(EvidenceItem item) {
        return "evidence " + item.id() + " (" + item.name() + ")";
    }

    /** Hashes and counts what passes; on close, reads the rest and checks the digest. */
    private final class Verifying extends FilterInputStream {
        private final Source source;
        private final MessageDigest digest;
        private final LongConsumer onRead;
        private long size;
        private boolean closed;

        Verifying(Source source, InputStream in, LongConsumer onRead) {
            super(in);
            this.source = source;
            this.onRead = onRead;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                digest.update(buf, off, n);
                counted(n);
            }
            return n;
        }

        /** Skipped bytes are read and hashed too: the check covers the whole blob. */
        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(DRAIN, Math.max(0, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int limit) {
            // not supported: a reset would hash bytes twice
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }

        private void counted(int n) {
            size += n;
            bytesRead += n;
            onRead.accept(bytesRead);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                byte[] buf = new byte[DRAIN];
                while (!Thread.currentThread().isInterrupted() && read(buf, 0, buf.length) >= 0) {
                    // the analyzer may stop early (a refused or truncated file): the hash covers all of it
                }
                if (Thread.currentThread().isInterrupted()) {
                    return; // the analysis is being abandoned; it is run again from the start
                }
                String actual = HEX.formatHex(digest.digest());
                if (!actual.equals(source.sha256()) || size != source.size()) {
                    failures.add(describe(source.items().getFirst()) + ": the vault's content does not match what was"
                            + " received (recorded SHA-256 " + source.sha256() + ", " + source.size()
                            + " bytes; read SHA-256 " + actual + ", " + size + " bytes)");
                }
            } catch (IOException e) {
                failures.add(describe(source.items().getFirst()) + ": reading its content (SHA-256 " + source.sha256()
                        + ") from the vault failed: " + e.getMessage());
            } finally {
                super.close();
            }
        }
    }
}
