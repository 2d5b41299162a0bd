package dev.tandem.leak;

import dev.tandem.leak.ContainmentAction.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * EXCESSIVE_API_RESPONSE_DATA: a product or discovery endpoint answering with people's personal
 * data (a person is an object with person context: docs/leak-patterns.md).
 */
final class ProductApiRule extends LeakRule {
    ProductApiRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.EXCESSIVE_API_RESPONSE_DATA;
    }

    @Override
    String summary() {
        return "a product or discovery API answers with people's personal data";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (Captures.Flow f : captures.productApis.values()) {
            Subject subject = new Subject(SubjectKind.ENDPOINT, f.id);
            out.add(finding(
                    pattern(),
                    f.pii.cards() > 0 ? Severity.CRITICAL : Severity.HIGH,
                    "Product API " + f.id + " returns customer data (" + f.pii.kinds() + ") of "
                            + count(f.pii.records()) + " people",
                    subject,
                    f.top.refs(),
                    f.top.files,
                    (long) f.pii.records(),
                    f.entries + " response(s) of a product/discovery endpoint carried personal data ("
                            + f.pii.emails() + " emails, " + f.pii.phones() + " phones, " + f.pii.names() + " names, "
                            + f.pii.addresses() + " addresses); such endpoints need product data only",
                    List.of(new ContainmentAction(
                            Action.RESTRICT_API_RESPONSE_FIELDS,
                            subject,
                            "API:" + f.id,
                            "Remove customer fields from the response of " + f.id
                                    + " (return aggregates, not buyers)"))));
        }
        return out;
    }
}
