/** Users and API tokens: who is calling (bearer tokens, the administrator bootstrap); what they may do is the access package's. */
@NullMarked
package dev.tandem.server.identity;

import org.jspecify.annotations.NullMarked;
