/**
 * CRM leak analysis: {@link dev.tandem.leak.LeakAnalyzer} reads a set of named inputs (event logs,
 * metadata, user exports, HAR captures, data exports), correlates them, and returns
 * {@link dev.tandem.leak.Finding}s for the six leak paths of {@link dev.tandem.leak.LeakPattern},
 * each with its subject, evidence lines, records exposed, controls and proposed containment.
 */
@NullMarked
package dev.tandem.leak;

import org.jspecify.annotations.NullMarked;
