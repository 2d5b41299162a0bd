/**
 * The incident report and the audit-continuity report (ADR 067): both drawn from the ledger at one
 * signed checkpoint ({@link dev.tandem.server.report.Snapshot}), every statement citing the entries
 * it rests on, rendered from Thymeleaf templates to HTML and, from the same HTML, to PDF. The
 * models are plain Java, built from entries alone; only {@code Snapshots}, {@code Reports} and the
 * controller touch Spring.
 */
@NullMarked
package dev.tandem.server.report;

import org.jspecify.annotations.NullMarked;
