package dev.tandem.pii.input;

import dev.tandem.pii.ScanOptions;
import dev.tandem.pii.detect.CandidateScanner;

/** What a reader needs: the thread's scanner, the options, where results go, the archive budget. */
public record Context(CandidateScanner scanner, ScanOptions options, Out out, InflationBudget budget) {}
