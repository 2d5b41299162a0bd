package dev.tandem.pii;

import dev.tandem.pii.input.Context;
import dev.tandem.pii.input.InflationBudget;
import dev.tandem.pii.input.Inputs;
import dev.tandem.pii.input.Out;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Personal data in an in-memory payload (an HTTP body from a HAR file, an API response), on the
 * calling thread: for the CRM analyzers and the server. JSON payloads (first byte '{' or '[') are
 * read as JSON so their keys give context; anything else as text. Bodies are limited by the caller.
 */
public final class Payloads {
    private final PiiScanner scanner;

    public Payloads(ScanOptions options) {
        this.scanner = new PiiScanner(options.withThreads(1));
    }

    public static Payloads withDefaults() {
        return new Payloads(ScanOptions.defaults());
    }

    /**
     * What a payload holds: the findings (offsets into the payload's bytes, each with its
     * confidence) and counts per entity of those that reach the scope's default threshold
     * ({@link ScopeCounter#DEFAULT_MIN_CONFIDENCE}): an order number after "order" is listed, not
     * counted.
     */
    public record Inspection(List<Finding> findings, Map<Entity, Integer> counts) {
        public boolean containsPii() {
            return !counts.isEmpty();
        }

        public int count(Entity e) {
            return counts.getOrDefault(e, 0);
        }
    }

    public Inspection inspect(String payload) {
        return inspect(payload.getBytes(StandardCharsets.UTF_8), "payload");
    }

    public Inspection inspect(byte[] payload, String name) {
        List<Finding> found = new ArrayList<>();
        Map<Entity, Integer> counts = new EnumMap<>(Entity.class);
        Out out = new Out() {
            @Override
            public void advanced(long bytes) {}

            @Override
            public void finding(Finding f) {
                found.add(f);
                if (f.confidence() >= ScopeCounter.DEFAULT_MIN_CONFIDENCE) counts.merge(f.entity(), 1, Integer::sum);
            }
        };
        Context ctx = new Context(
                scanner.candidateScanner(),
                scanner.options(),
                out,
                new InflationBudget(
                        scanner.options().maxInflatedBytes(), scanner.options().maxRatio()));
        try {
            Inputs.scanBytes(payload, name, Inputs.sniffJson(payload), ctx);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Inspection(List.copyOf(found), Map.copyOf(counts));
    }
}
