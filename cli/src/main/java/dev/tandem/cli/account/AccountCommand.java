package dev.tandem.cli.account;

import dev.tandem.cli.Columns;
import dev.tandem.cli.ServerCommand;
import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem account add|list|token}: people and their API tokens ({@code POST|GET
 * /api/v1/users}, {@code POST /api/v1/users/{username}/tokens}, docs/contracts.md §2). Who may do
 * what is the server's to decide (docs/access.md): an administrator adds and lists people, each
 * person issues their own tokens. A person's role in an incident is {@code tandem incident members
 * add}. Secrets never come from the command line, which every user of the machine can read: a
 * password is read from a variable, a file or standard input, or generated, and a generated password
 * or a new token is printed once, on standard output only.
 */
@Command(
        name = "account",
        mixinStandardHelpOptions = true,
        description = {
            "People on a Tandem server and their API tokens.",
            "Add a person, list them (administrators), issue your own token.",
            "A person's role in an incident: tandem incident members add USERNAME --incident ID --role ROLE.",
            AccountCommand.EXIT_CODES
        },
        subcommands = {
            AccountCommand.AddCommand.class,
            AccountCommand.ListCommand.class,
            AccountCommand.TokenCommand.class
        })
public final class AccountCommand implements Runnable {
    static final String EXIT_CODES = "Exit codes: 0 done, 2 usage error or the server refused (its reason printed), "
            + "3 server unreachable, token refused or server error.";

    /** The server's rule for a username (docs/contracts.md §2). */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    /** The fewest characters of a password, the server's rule (docs/web.md). */
    static final int MIN_PASSWORD = 12;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }

    /** {@code value} as a username, else a usage error naming {@code argument}. */
    static String username(String argument, String value) throws BadInput {
        if (!USERNAME.matcher(value).matches()) {
            throw new BadInput(
                    argument + ": must be 1-100 of a-z 0-9 . _ - starting with a letter or digit, got '" + value + "'");
        }
        return value;
    }

    /** A usage error of this command, as {@link ServerCommand}'s. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    /** A call of this command: a usage error is the line {@link ServerCommand} prints, exit 2. */
    abstract static class Call extends ServerCommand.TextOrJson {
        /** The option giving the field a refusal's detail starts with, by field. */
        abstract List<String[]> fields();

        @Override
        protected @Nullable String option(String detail) {
            for (String[] f : fields()) {
                if (detail.startsWith(f[0] + " ") || detail.startsWith(f[0] + ":")) return f[1];
            }
            return null;
        }

        /** The request, a usage error rethrown as {@link ServerCommand}'s own. */
        abstract Request checked() throws BadInput;

        @Override
        protected final Request request() throws ServerCommand.Usage {
            try {
                return checked();
            } catch (BadInput e) {
                throw new ServerCommand.Usage(e.getMessage());
            }
        }
    }

    /** A call on one person, named by USERNAME. */
    abstract static class OfUser extends Call {
        @Parameters(index = "0", paramLabel = "USERNAME", description = "The person's username (a-z 0-9 . _ -).")
        String username = "";
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Lists the server's people (an administrator's token): username, name, administrator," + " disabled.",
                EXIT_CODES
            })
    static final class ListCommand extends Call {
        @Override
        List<String[]> fields() {
            return List.of();
        }

        @Override
        Request checked() {
            return Request.get("api/v1/users");
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("USERNAME", "NAME", "ADMINISTRATOR", "DISABLED"));
            for (JsonNode u : answer) {
                rows.add(List.of(
                        u.path("username").asString(""),
                        u.path("displayName").asString(""),
                        u.path("admin").asBoolean() ? "yes" : "no",
                        u.path("disabled").asBoolean() ? "yes" : "no"));
            }
            Columns.table(rows).forEach(out::println);
            out.println(answer.size() + " user(s)");
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Adds a person (an administrator's token).",
                "They sign in at SERVER/login and issue their own token at"
                        + " SERVER/account/tokens (or with tandem account token); give them a role with tandem incident"
                        + " members add.",
                "",
                "--password is never the password itself, which every user of the machine could read in the process"
                        + " list: env:NAME reads the variable NAME, file:PATH the file's first line, - a line of"
                        + " standard input (typed without echo at a terminal), and generate makes a random one and prints it once. At least "
                        + MIN_PASSWORD + " characters, not containing the username. Without --password the person has"
                        + " none and signs in through single sign-on.",
                EXIT_CODES
            })
    static final class AddCommand extends OfUser {

        @Option(names = "--display-name", paramLabel = "NAME", description = "Their name as people read it.")
        @Nullable
        String displayName;

        @Option(names = "--email", paramLabel = "ADDRESS", description = "Their e-mail address (single sign-on).")
        @Nullable
        String email;

        @Option(
                names = "--password",
                paramLabel = "SOURCE",
                description = "env:NAME, file:PATH, - (standard input) or generate; never the password itself.")
        @Nullable
        String password;

        /** The password generated, printed once after the answer; null when none was. */
        private @Nullable String generated;

        @Override
        List<String[]> fields() {
            return List.of(
                    new String[] {"displayName", "--display-name"},
                    new String[] {"a password", "--password"},
                    new String[] {"email", "--email"});
        }

        @Override
        Request checked() throws BadInput {
            username("USERNAME", username);
            if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
                throw new BadInput("--display-name: must be 1-200 characters and not blank");
            }
            if (email != null && !EMAIL.matcher(email).matches()) {
                throw new BadInput("--email: must be an address such as ada@example.com, got '" + email + "'");
            }
            ObjectNode body = object().put("username", username);
            put(body, "displayName", displayName);
            put(body, "email", email);
            if (password != null) {
                String p = password(password, username, System::getenv, AddCommand::stdinLine);
                if (password.equals("generate")) generated = p;
                body.put("password", p);
            }
            return Request.json("POST", "api/v1/users", body, 201);
        }

        @Override
        protected int perform(PrintWriter out)
                throws ServerCommand.Usage, ServerConnection.Problem, ServerCommand.Refused {
            Request request = request();
            ServerConnection.Target target = connection.target();
            Answer answer = send(target, request);
            JsonNode json = answer.json(target);
            if (format().equals("json")) {
                ObjectNode o = json.isObject() ? ((ObjectNode) json).deepCopy() : object();
                if (generated != null) o.put("password", generated);
                out.println(o);
                return TandemCommand.EXIT_OK;
            }
            String base = target.base().toString();
            out.println("created user " + json.path("username").asString(username)
                    + (displayName == null ? "" : " (" + displayName + ")"));
            if (generated != null) {
                out.println("password (shown once; hand it over privately, they change it at " + base
                        + "account/password): " + generated);
            }
            out.println(
                    password == null
                            ? "no password: they sign in through single sign-on"
                                    + (email == null ? " (give --email to bind their identity provider's address)" : "")
                            : "next: they sign in at " + base + "login and issue their token at " + base
                                    + "account/tokens (or tandem account token " + username + ")");
            out.println("give them a role: tandem incident members add " + username + " --incident ID --role ROLE");
            return TandemCommand.EXIT_OK;
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            // perform prints the answer itself
        }

        /**
         * The first line of standard input: typed without echo at a terminal (asked for on it), else
         * read up to its line break, so {@code printf '%s\n' "$PW" | tandem account add …} works.
         */
        private static @Nullable String stdinLine() {
            java.io.Console console = System.console();
            if (console != null && console.isTerminal()) {
                char[] typed = console.readPassword("Password: ");
                return typed == null ? null : new String(typed);
            }
            try {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** Reads a line from standard input, or null when it cannot be read. */
    @FunctionalInterface
    interface Stdin {
        @Nullable
        String line();
    }

    /**
     * The password {@code source} gives ({@code env:NAME}, {@code file:PATH}, {@code -} or {@code
     * generate}) for {@code username}; a usage error naming {@code --password} for any other source
     * (a password on the command line) and for a weak password. The password itself is never in
     * a message.
     */
    static String password(String source, String username, UnaryOperator<@Nullable String> env, Stdin stdin)
            throws BadInput {
        String from;
        @Nullable String p;
        if (source.equals("generate")) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else if (source.startsWith("env:")) {
            from = "the environment variable " + source.substring(4);
            p = env.apply(source.substring(4));
            if (p == null) throw new BadInput("--password " + source + ": " + from + " is not set");
        } else if (source.startsWith("file:")) {
            Path file = Path.of(source.substring(5));
            from = "the file " + file;
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                p = lines.isEmpty() ? "" : lines.getFirst();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new BadInput("--password " + source + ": cannot read " + file);
            }
        } else if (source.equals("-")) {
            from = "standard input";
            p = stdin.line();
            if (p == null) throw new BadInput("--password -: standard input cannot be read");
        } else {
            throw new BadInput("--password: give env:NAME, file:PATH, - (standard input) or generate, not the password"
                    + " itself: a command line is visible to every user of this machine");
        }
        if (p.length() < MIN_PASSWORD) {
            throw new BadInput("--password " + source + ": the password in " + from + " has " + p.length()
                    + " character(s); at least " + MIN_PASSWORD + " are needed");
        }
        if (p.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new BadInput(
                    "--password " + source + ": the password in " + from + " contains the username; choose another");
        }
        return p;
    }

    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = {
                "Issues a new API token to yourself and prints it once.",
                "USERNAME is the user of --token: each person issues their own (docs/access.md). Issued with a token, it is that token's sub-token:"
                        + " it expires no later than it and is revoked with it; a first token is issued at"
                        + " SERVER/account/tokens after signing in.",
                EXIT_CODES
            })
    static final class TokenCommand extends OfUser {

        @Option(names = "--label", paramLabel = "LABEL", description = "What the token is for (default: api).")
        @Nullable
        String label;

        @Option(
                names = "--expires-at",
                paramLabel = "T",
                description = "When it expires, RFC 3339 with an offset (default: never, or the issuing token's"
                        + " expiry).")
        @Nullable
        String expiresAt;

        @Override
        List<String[]> fields() {
            return List.of(new String[] {"label", "--label"}, new String[] {"expiresAt", "--expires-at"});
        }

        @Override
        protected @Nullable String remedy(@Nullable String type) {
            return "forbidden".equals(type)
                    ? "each person issues their own tokens: use " + username + "'s token"
                    : null;
        }

        @Override
        Request checked() throws BadInput {
            username("USERNAME", username);
            if (label != null && (label.isBlank() || label.length() > 200)) {
                throw new BadInput("--label: must be 1-200 characters and not blank");
            }
            if (expiresAt != null) {
                try {
                    OffsetDateTime.parse(expiresAt);
                } catch (DateTimeException e) {
                    throw new BadInput("--expires-at: must be an RFC 3339 time with an offset (e.g."
                            + " 2027-01-31T00:00:00Z), got " + expiresAt);
                }
            }
            ObjectNode body = object();
            put(body, "label", label);
            put(body, "expiresAt", expiresAt);
            return Request.json("POST", "api/v1/users/" + segment(username) + "/tokens", body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            String expires = answer.path("expiresAt").asString("");
            out.println("issued token " + answer.path("id").asString("") + " to " + username + " ("
                    + (label == null ? "api" : label) + "), "
                    + (expires.isEmpty() ? "no expiry" : "expires " + expires)
                    + "; shown once, stored only hashed: keep it now");
            out.println(answer.path("token").asString(""));
        }
    }
}
