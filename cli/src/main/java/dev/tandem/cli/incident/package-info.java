/**
 * {@code tandem incident}, {@code tandem timeline}, {@code tandem obligations}, {@code tandem scope},
 * {@code tandem judgements} and {@code tandem notice}: an incident, its members, its timeline and its
 * regulatory clock with the scope and judgements it runs on and its GDPR Art. 33 notice, read and run
 * from a terminal, one API call each but for the notice's {@code show} and {@code edit --editor}
 * (docs/contracts.md §2 and §4, docs/adr/118-incidents-timeline-and-obligations-from-the-command-line.md,
 * docs/adr/123-scope-and-judgements-from-the-command-line.md,
 * docs/adr/136-the-gdpr-art-33-notice-from-the-command-line.md).
 */
@NullMarked
package dev.tandem.cli.incident;

import org.jspecify.annotations.NullMarked;
