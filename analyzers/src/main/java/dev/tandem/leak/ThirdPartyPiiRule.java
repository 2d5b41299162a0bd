package dev.tandem.leak;

import dev.tandem.leak.ContainmentAction.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * CHECKOUT_PII_TO_THIRD_PARTY: a storefront page sending personal data to a host that is neither
 * the page's own site, a configured first party, nor an approved processor. Any storefront page
 * counts (a newsletter form, an account page, a product page with a tag); checkout and payment pages
 * raise the severity. Card numbers or plain HTTP raise it once more. The page comes from the
 * capture, or is inferred from the navigation before the request ({@link Captures.Pages}).
 */
final class ThirdPartyPiiRule extends LeakRule {
    ThirdPartyPiiRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.CHECKOUT_PII_TO_THIRD_PARTY;
    }

    @Override
    String summary() {
        return "a storefront page sends personal data to a host neither first party nor approved processor; checkout and payment pages raise the severity";
    }

    /** Checkout: CRITICAL with cards or cleartext, else HIGH; other pages one step lower. */
    static Severity severity(Captures.Flow f) {
        boolean worse = f.pii.cards() > 0 || f.cleartext;
        if (f.fromCheckout()) {
            return worse ? Severity.CRITICAL : Severity.HIGH;
        }
        return worse ? Severity.HIGH : Severity.MEDIUM;
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (Captures.Flow f : captures.thirdParty.values()) {
            Subject subject = new Subject(SubjectKind.HOST, f.host);
            String where = f.fromCheckout() ? "Checkout" : "Storefront page";
            List<String> pages = new ArrayList<>(f.fromCheckout() ? f.checkoutPages : f.pages);
            out.add(finding(
                    pattern(),
                    severity(f),
                    where + " sends " + f.pii.kinds() + " to third-party host " + f.host + " (" + f.entries + " request"
                            + (f.entries == 1 ? "" : "s") + ")",
                    subject,
                    f.top.refs(),
                    f.top.files,
                    (long) f.pii.records(),
                    (f.fromCheckout() ? "checkout pages " : "storefront pages ") + String.join(", ", pages)
                            + (f.fromCheckout() || f.pages.size() == pages.size()
                                    ? ""
                                    : " (and " + (f.pages.size() - pages.size()) + " other pages)")
                            + " sent personal data " + (f.cleartext ? "over plain HTTP " : "") + "("
                            + f.pii.emails() + " emails, " + f.pii.phones() + " phones, " + f.pii.names() + " names, "
                            + f.pii.addresses() + " addresses, " + f.pii.cards() + " card numbers) to a host outside"
                            + " the page's domain, the configured first parties and approved processors"
                            + (f.inferredFrom.isEmpty()
                                    ? ""
                                    : "; the page was inferred from " + String.join(" and ", f.inferredFrom)
                                            + " (the capture names no page)"),
                    List.of(
                            new ContainmentAction(
                                    Action.REMOVE_THIRD_PARTY_TAG,
                                    subject,
                                    "Web:" + (f.fromCheckout() ? "checkout" : "storefront") + "#" + f.host,
                                    "Remove the script or tag that calls " + f.host + " from the "
                                            + (f.fromCheckout() ? "checkout" : "storefront") + " pages"),
                            new ContainmentAction(
                                    Action.BLOCK_HOST_AT_EGRESS,
                                    subject,
                                    "CSP:" + (f.fromCheckout() ? "checkout" : "storefront") + "#connect-src",
                                    "Leave " + f.host
                                            + " out of the Content-Security-Policy connect-src of those pages"))));
        }
        return out;
    }
}
