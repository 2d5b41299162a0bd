/**
 * The auditor's copy of an incident (docs/contracts.md §5): a BagIt 1.0 bag (RFC 8493) in a zip,
 * written in one streaming pass by {@link dev.tandem.export.BagWriter} and checked offline by
 * {@link dev.tandem.export.BagVerifier}, with the OSCAL 1.1 assessment results that point at the
 * evidence by hash ({@link dev.tandem.export.OscalAssessmentResults}). Framework-free: the server
 * and the command line are shells around it.
 */
@NullMarked
package dev.tandem.export;

import org.jspecify.annotations.NullMarked;
