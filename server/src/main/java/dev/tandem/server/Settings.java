package dev.tandem.server;

import dev.tandem.ledger.NoteSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the server's settings once they are read and before anything is created: every {@code
 * tandem.*} setting converts to its type, the port is a port, the database URL names a database
 * this server knows and, on PostgreSQL, the database answers with the configured role, a
 * configured signing key parses, and an administrator token is long enough. A bad setting stops the start with {@link Refused}: one line
 * naming the setting (property and environment variable), what is wrong with its value and what
 * is expected; secrets are never repeated (docs/operations.md, "Start-up").
 */
public final class Settings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** A setting the server cannot start with; its message is the line to show, with no stack trace. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The {@code @ConfigurationProperties} records of the server, by prefix; bound here first. */
    static final Map<String, String> PROPERTIES = Map.of(
            "tandem", "dev.tandem.server.TandemProperties",
            "tandem.security", "dev.tandem.server.identity.SecurityProperties",
            "tandem.sign-on", "dev.tandem.server.identity.SignOnProperties",
            "tandem.analysis", "dev.tandem.server.leak.AnalysisProperties",
            "tandem.pii", "dev.tandem.server.pii.PiiProperties",
            "tandem.company", "dev.tandem.server.regulation.CompanyProperties",
            "tandem.reminders", "dev.tandem.server.regulation.ReminderProperties",
            "tandem.audit", "dev.tandem.server.change.AuditProperties",
            "tandem.change", "dev.tandem.server.change.ChangeProperties");

    /** Settings read one by one ({@code @Value}), with their types. */
    static final Map<String, Class<?>> VALUES = Map.ofEntries(
            Map.entry("tandem.jobs.threads", Integer.class),
            Map.entry("tandem.jobs.max-attempts", Integer.class),
            Map.entry("tandem.jobs.max-queued", Integer.class),
            Map.entry("tandem.jobs.max-queued-per-user", Integer.class),
            Map.entry("tandem.api.max-body-bytes", ByteSize.class),
            Map.entry("tandem.ledger.queue-capacity", Integer.class),
            Map.entry("tandem.ledger.queue-timeout", Duration.class),
            Map.entry("tandem.evidence.min-free-bytes", ByteSize.class),
            Map.entry("tandem.evidence.incident-quota-bytes", ByteSize.class),
            Map.entry("tandem.evidence.total-quota-bytes", ByteSize.class),
            Map.entry("tandem.witness-timeout", Duration.class),
            Map.entry("tandem.witnesses", String.class),
            Map.entry("server.port", Integer.class));

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|key|token|credentials?)$");
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|pwd)=[^;&]*");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** Throws {@link Refused} for the first bad setting in {@code env}. */
    public static void check(ConfigurableEnvironment env) {
        Binder binder = Binder.get(env);
        for (String prefix : new TreeMap<>(PROPERTIES).keySet()) {
            Class<?> type;
            try {
                type = Class.forName(PROPERTIES.get(prefix));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            bind(binder, prefix, Bindable.of(type));
        }
        for (var v : new TreeMap<>(VALUES).entrySet()) {
            bind(binder, v.getKey(), Bindable.of(v.getValue()));
        }
        Integer port = binder.bind("server.port", Integer.class).orElse(8080);
        if (port < 0 || port > 65535) {
            throw new Refused(describe("server.port", origin(env, "server.port")) + " is " + port
                    + ": not a port; expected 1 to 65535, or 0 for a free one");
        }
        String key = env.getProperty("tandem.ledger.signing-key", "");
        if (!key.isBlank()) {
            try {
                NoteSigner.fromPrivateKey(key.strip());
            } catch (RuntimeException e) {
                throw new Refused(describe("tandem.ledger.signing-key", origin(env, "tandem.ledger.signing-key"))
                        + " is not a signing key (" + e.getMessage().replaceFirst("^malformed signing key: ", "")
                        + "); create one with: tandem ledger keygen <name>");
            }
        }
        String adminToken = env.getProperty("tandem.admin-token", "").strip();
        if (!adminToken.isEmpty() && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            // the value is a secret: its length is said, never the value
            throw new Refused(describe("tandem.admin-token", origin(env, "tandem.admin-token")) + " has "
                    + adminToken.length() + " character" + (adminToken.length() == 1 ? "" : "s")
                    + ": too short for an administrator's token; expected at least " + MIN_ADMIN_TOKEN_LENGTH
                    + ", such as the output of: openssl rand -base64 24");
        }
        identityProviders(binder);
        database(env);
    }

    /** The fewest characters {@code TANDEM_ADMIN_TOKEN} may have (docs/contracts.md §2). */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

    /**
     * The discovery documents the start-up check fetched, by {@code issuer-uri} as configured, for
     * the server's {@code ClientRegistrationRepository} to take ({@link #discovered}) instead of
     * fetching them a second time; only documents that name the configured issuer, as Spring requires.
     */
    private static final Map<String, Map<String, Object>> DISCOVERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Takes the discovery document the start-up check fetched for {@code issuerUri}, if it did. */
    public static @Nullable Map<String, Object> discovered(String issuerUri) {
        return DISCOVERED.remove(issuerUri);
    }

    /** An OpenID Connect provider's {@code issuer-uri} (docs/web.md); its other settings are Spring's. */
    record Provider(@Nullable String issuerUri) {}

    /**
     * Every configured identity provider answers at its issuer: Spring Security reads its
     * configuration at start-up, and an unreachable one would stop the start after the data
     * directory and database were created. Only an address nobody answers at is refused here.
     */
    private static void identityProviders(Binder binder) {
        Map<String, Provider> providers = binder.bind(
                        "spring.security.oauth2.client.provider", Bindable.mapOf(String.class, Provider.class))
                .orElse(Map.of());
        for (var p : new TreeMap<>(providers).entrySet()) {
            String issuer = p.getValue().issuerUri();
            if (issuer == null || issuer.isBlank()) continue;
            String property = "spring.security.oauth2.client.provider." + p.getKey() + ".issuer-uri";
            try (HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()) {
                URI uri = URI.create(issuer.strip().replaceAll("/+$", "") + "/.well-known/openid-configuration");
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                keep(issuer, answer);
            } catch (IllegalArgumentException e) {
                throw new Refused(describe(property, null) + " is \"" + issuer + "\": not a URL; expected the"
                        + " provider's issuer, such as https://login.example.com/realms/tandem");
            } catch (IOException e) {
                throw new Refused(describe(property, null) + ": cannot reach the identity provider at " + issuer + " ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()))
                        + "); is it up, and the address right?");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refused("interrupted while checking " + property);
            }
        }
    }

    /** Keeps a discovery document that names {@code issuer}; anything else Spring fetches and reports itself. */
    private static void keep(String issuer, HttpResponse<String> answer) {
        if (answer.statusCode() != 200) return;
        try {
            Map<String, Object> document =
                    JSON.readValue(answer.body(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
            if (issuer.equals(document.get("issuer"))) DISCOVERED.put(issuer, document);
        } catch (tools.jackson.core.JacksonException notJson) {
            // not a discovery document: Spring's own request reports it
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static void bind(Binder binder, String name, Bindable<?> target) {
        try {
            binder.bind(name, target);
        } catch (BindException e) {
            throw new Refused(bindFailure(e));
        }
    }

    static String bindFailure(BindException e) {
        ConfigurationProperty property = e.getProperty();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        Throwable root = cause;
        while (root.getCause() != null) root = root.getCause();
        if (property == null) {
            return e.getName() + ": " + root.getMessage();
        }
        String name = property.getName().toString();
        String value = String.valueOf(property.getValue());
        String shown = SECRET.matcher(name).matches() ? "" : " is \"" + value + "\"";
        Class<?> type = e.getTarget().getType().resolve(Object.class);
        String expected = expected(type, name);
        return describe(name, property.getOrigin()) + shown + ": " + (expected != null ? expected : root.getMessage());
    }

    private static @Nullable String expected(Class<?> type, String name) {
        if (name.equals("server.port")) return "not a port; expected 1 to 65535, or 0 for a free one";
        if (type == Duration.class) {
            return "not a duration; expected ISO 8601 such as PT15M or PT1H, or a number with a unit such as 15m,"
                    + " 30s or 1h";
        }
        if (type == Integer.class || type == int.class) return "not a whole number; expected one such as 20";
        if (type == Long.class || type == long.class) return "not a whole number; expected one such as 20";
        if (type == ByteSize.class) return null; // its own message says what is wrong and what is expected
        if (type == Double.class || type == double.class) return "not a number; expected one such as 0.5";
        if (type == Boolean.class || type == boolean.class) return "expected true or false";
        if (type == Path.class) return "not a path";
        return null;
    }

    /** {@code ENV (property)}: the variable the value came from when it came from the environment. */
    static String describe(String property, @Nullable Origin origin) {
        String env = origin instanceof SystemEnvironmentOrigin s ? s.getProperty() : environmentName(property);
        return env + " (" + property + ")";
    }

    /** The environment variable that sets {@code property}, as the README writes it. */
    static String environmentName(String property) {
        return property.replaceAll("\\[[^]]*]", "")
                .replace('.', '_')
                .replace('-', '_')
                .toUpperCase(Locale.ROOT);
    }

    private static @Nullable Origin origin(ConfigurableEnvironment env, String name) {
        ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            ConfigurationProperty property = source.getConfigurationProperty(key);
            if (property != null) return property.getOrigin();
        }
        return null;
    }

    /** The datasource URL names H2 or PostgreSQL, and PostgreSQL answers with the configured role. */
    private static void database(ConfigurableEnvironment env) {
        String url = env.getProperty("spring.datasource.url", "");
        String where = describe("spring.datasource.url", origin(env, "spring.datasource.url"));
        if (url.startsWith("jdbc:h2:")) return;
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new Refused(
                    where + " is \"" + redact(url) + "\": not a database this server knows; expected"
                            + " jdbc:postgresql://HOST:PORT/DATABASE, or unset for the embedded database in the data directory");
        }
        String user = env.getProperty("spring.datasource.username", "");
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", env.getProperty("spring.datasource.password", ""));
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "15");
        try (Connection c = DriverManager.getConnection(url, props)) {
            c.isValid(5);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String reason = firstLine(e.getMessage());
            String message = switch (state) {
                case "28P01", "28000" ->
                    "the database at " + redact(url) + " refused the role \"" + user + "\" ("
                            + reason + "); check SPRING_DATASOURCE_USERNAME (spring.datasource.username)"
                            + " and SPRING_DATASOURCE_PASSWORD (spring.datasource.password)";
                case "3D000" -> where + ": " + reason + "; create it (docs/operations.md) or correct the URL";
                default ->
                    where + ": cannot reach the database at " + redact(url) + " (" + reason
                            + "); is PostgreSQL running there and the host and port right?";
            };
            throw new Refused(message);
        }
    }

    static String redact(String url) {
        return URL_SECRET.matcher(url).replaceAll("$1=…");
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) return "no reason given";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
