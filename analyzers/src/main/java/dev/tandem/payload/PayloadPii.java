package dev.tandem.payload;

/**
 * Counts of personal data found in one payload. {@code records} is the number of distinct people
 * (records that carry an email, phone, name or card) in it.
 */
public record PayloadPii(int emails, int phones, int cards, int names, int addresses, int records) {
    public static final PayloadPii NONE = new PayloadPii(0, 0, 0, 0, 0, 0);

    public boolean any() {
        return emails + phones + cards + names + addresses > 0;
    }

    /** The kinds present, for a finding's title: "email, phone, card". */
    public String kinds() {
        StringBuilder b = new StringBuilder();
        append(b, emails, "email");
        append(b, phones, "phone");
        append(b, names, "name");
        append(b, addresses, "address");
        append(b, cards, "card number");
        return b.toString();
    }

    private static void append(StringBuilder b, int n, String what) {
        if (n > 0) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(what);
        }
    }

    public PayloadPii plus(PayloadPii o) {
        return new PayloadPii(
                emails + o.emails,
                phones + o.phones,
                cards + o.cards,
                names + o.names,
                addresses + o.addresses,
                records + o.records);
    }
}
