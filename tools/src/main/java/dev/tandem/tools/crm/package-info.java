/**
 * A seeded generator of a realistic Salesforce org as a responder would collect it (users,
 * profiles, permission sets, assignments, metadata, Event Log File CSVs, HAR captures, exports),
 * with one injected incident per leak pattern, benign look-alikes, and a labels file saying what
 * should and should not be found.
 */
@NullMarked
package dev.tandem.tools.crm;

import org.jspecify.annotations.NullMarked;
