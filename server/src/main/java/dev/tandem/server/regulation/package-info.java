/**
 * The regulatory clock in the server (issue 5): an incident's scope and the judgements people make
 * feed the framework-free {@code ObligationEngine}; the obligations it yields are kept with an
 * owner and a status, reminded by webhook, and the GDPR Art. 33(3) notice is drafted, edited and
 * kept as evidence once sent. Every change is a ledger entry written with its rows.
 */
@NullMarked
package dev.tandem.server.regulation;

import org.jspecify.annotations.NullMarked;
