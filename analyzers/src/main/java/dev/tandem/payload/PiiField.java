package dev.tandem.payload;

import java.util.Locale;
import java.util.Set;

/**
 * What a field or column name says it holds, from names used by Salesforce (Email, MailingStreet,
 * BillingAddress ...) and common web payloads (firstName, phone_number, card.number ...). A bare
 * "name" is not a person's name: products, reports and accounts have names too.
 */
public enum PiiField {
    EMAIL,
    PHONE,
    NAME,
    ADDRESS,
    CARD,
    NONE;

    private static final Set<String> NAMES = Set.of(
            "firstname",
            "lastname",
            "fullname",
            "givenname",
            "familyname",
            "surname",
            "middlename",
            "customername",
            "contactname",
            "buyername",
            "cardholdername",
            "cardholder",
            "billingname",
            "shippingname",
            "recipientname",
            "personname");

    private static final Set<String> ADDRESSES = Set.of(
            "address",
            "address1",
            "address2",
            "addressline",
            "addressline1",
            "addressline2",
            "billingaddress",
            "shippingaddress",
            "mailingaddress",
            "homeaddress",
            "streetaddress",
            "postaladdress");

    /** Lower-case letters and digits only: "first_name", "First-Name" and "firstName" agree. */
    public static String normalize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /**
     * Whether a column's name says it is about a payment card ({@code Card_Number__c},
     * {@code Last_Card_Number__c}, {@code cc_pan}, {@code CreditCard}) without being a card number
     * by {@link #of}: what it holds is then read from its values (a last four or a token is no card).
     */
    public static boolean mayHoldCards(String fieldName) {
        String n = normalize(fieldName);
        return n.contains("card") || n.equals("pan") || n.endsWith("pan") || n.startsWith("cc");
    }

    public static PiiField of(String fieldName) {
        String n = normalize(fieldName);
        int dot = fieldName.lastIndexOf('.');
        if (dot >= 0) {
            n = normalize(fieldName.substring(dot + 1)); // Contact.Email, card.number
            if (n.equals("number") && fieldName.toLowerCase(Locale.ROOT).contains("card")) {
                return CARD;
            }
        }
        if (n.isEmpty()) {
            return NONE;
        }
        if (n.equals("email")
                || n.endsWith("email")
                || n.equals("emailaddress")
                || n.endsWith("emailaddress")
                || n.equals("mail")) {
            return EMAIL;
        }
        if (n.contains("phone")
                || n.contains("mobile")
                || n.equals("tel")
                || n.equals("telephone")
                || n.equals("msisdn")
                || n.equals("fax")) {
            return PHONE;
        }
        if (NAMES.contains(n)) {
            return NAME;
        }
        if (ADDRESSES.contains(n) || n.endsWith("street") || n.startsWith("street")) {
            return ADDRESS;
        }
        if (n.equals("cardnumber")
                || n.equals("pan")
                || n.equals("ccnumber")
                || n.equals("creditcard")
                || n.equals("creditcardnumber")
                || n.equals("cardno")) {
            return CARD;
        }
        return NONE;
    }
}
