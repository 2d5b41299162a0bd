package dev.tandem.pii.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The country and state of an IP address, a login or a session place no one (docs/pii-scanner.md, "Scope"). */
class AccessPlaceFieldsTest {

    @Test
    void aPersonsCountryAndStateColumnsStayTheirs() {
        for (String k : List.of(
                "country",
                "Country",
                "MailingCountry",
                "MailingCountryCode",
                "Billing Country",
                "Shipping Country",
                "ShipCountry",
                "Default Address Country Code",
                "country_id",
                "client_country",
                "VIP Country")) {
            assertThat(FieldContext.of(k)).as(k).isEqualTo(FieldContext.COUNTRY);
        }
        for (String k : List.of("MailingState", "province_code", "Shipping Province Code", "region_code")) {
            assertThat(FieldContext.of(k)).as(k).isEqualTo(FieldContext.STATE);
        }
    }

    @Test
    void theCountryAndStateOfAnIpLoginOrSessionAreNone() {
        for (String k : List.of(
                "ip_country",
                "IP Country",
                "ipcountry",
                "IPCountry",
                "GeoIPCountry",
                "geoip_country",
                "geoip_country_code",
                "geo_country",
                "client_ip_country",
                "login_country",
                "LoginCountry",
                "LoginGeo.Country",
                "LOGINGEO.COUNTRY",
                "session_country",
                "client.geographicalContext.country",
                "ip_state",
                "IP State/Region Code",
                "geoip_region_code",
                "LoginGeo.State")) {
            assertThat(FieldContext.of(k)).as(k).isEqualTo(FieldContext.NONE);
        }
    }

    @Test
    void aGeolocationsKeyIsAnAccessPlaceItsObjectsCountryKeysPlaceNoOne() {
        for (String k : List.of("LoginGeo", "geoip", "geo", "geolocation", "geographicalContext")) {
            assertThat(FieldContext.of(k)).as(k).isEqualTo(FieldContext.ACCESS_PLACE);
        }
        for (String k : List.of("address", "MailingAddress", "customer", "session", "login", "ip")) {
            assertThat(FieldContext.of(k)).as(k).isNotEqualTo(FieldContext.ACCESS_PLACE);
        }
    }

    @Test
    void nameWordsSplitAtSeparatorsAndCase() {
        assertThat(FieldContext.nameWords("GeoIPCountry")).containsExactly("geo", "ip", "country");
        assertThat(FieldContext.nameWords("LoginGeo.CountryIso")).containsExactly("login", "geo", "country", "iso");
        assertThat(FieldContext.nameWords("ShipCountry")).containsExactly("ship", "country");
        assertThat(FieldContext.nameWords("CLIENT_IP")).containsExactly("client", "ip");
        assertThat(FieldContext.nameWords("ip_country2")).containsExactly("ip", "country2");
    }

    @Test
    void aLoginOrAccessHeaderHasARequestsSourceIpAndAnEventColumn() {
        // Setup › Login History's download
        String download = "Login Time,Username,Login Type,Source IP,Status,Browser,Platform,Application,"
                + "Client Version,API Type,API Version,Login URL,Country Code";
        assertThat(FieldContext.isAccessHeader(List.of(download.split(",")))).isTrue();
        assertThat(FieldContext.isAccessHeader(List.of("LOGINTIME", "USERID", "SOURCEIP", "STATUS", "COUNTRYISO")))
                .isTrue();
        assertThat(FieldContext.isAccessHeader(List.of("TIMESTAMP", "USER_NAME", "CLIENT_IP", "LOGIN_STATUS")))
                .isTrue();
        assertThat(FieldContext.isAccessHeader(List.of("date", "time", "c-ip", "cs-uri-stem", "sc-status")))
                .isTrue();
        // a customer export's own IP columns are no request's source
        assertThat(FieldContext.isAccessHeader(List.of("email", "country", "signup_ip", "created_at", "status")))
                .isFalse();
        assertThat(FieldContext.isAccessHeader(
                        List.of("email", "country", "last_sign_in_at", "last_sign_in_ip", "current_sign_in_ip")))
                .isFalse();
        assertThat(FieldContext.isAccessHeader(List.of("customer_email", "status", "remote_ip", "country_id")))
                .isFalse();
        // a source IP alone, without a login, status or event column, is not enough
        assertThat(FieldContext.isAccessHeader(List.of("Email", "Country", "Client IP")))
                .isFalse();
    }

    @Test
    void anAccessHeadersCountryAndStateColumnsAreNone() {
        List<String> names = List.of("Login Time", "Username", "Source IP", "Status", "Country Code", "State");
        List<FieldContext> contexts = new ArrayList<>();
        for (String n : names) contexts.add(FieldContext.of(n));
        FieldContext.inHeader(names, contexts);
        assertThat(contexts).containsOnly(FieldContext.NONE);
    }
}
