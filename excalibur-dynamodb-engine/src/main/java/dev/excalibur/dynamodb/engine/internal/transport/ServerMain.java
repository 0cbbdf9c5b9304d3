package dev.excalibur.dynamodb.engine.internal.transport;

import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The runnable jar's entry point: {@code java -jar excalibur-dynamodb-engine-<version>-server.jar
 * [--port 8000] [--region us-east-1] [--account-id 123456789012]} starts an engine and serves it on
 * {@code 127.0.0.1}, prints one line {@code Excalibur DynamoDB engine listening on http://127.0.0.1:<port>},
 * and serves until the process is stopped. Wrong arguments, or a port that cannot be bound, print
 * the reason and the usage and exit with status 2.
 * Internal to the engine.
 */
public final class ServerMain {

    static final String USAGE =
            "usage: java -jar excalibur-dynamodb-engine-<version>-server.jar [--port 8000] [--region us-east-1] [--account-id 123456789012]";

    private ServerMain() {}

    /** Starts the server; see the class comment. */
    public static void main(String[] args) {
        // the jar bundles no logging backend: keep SLF4J from announcing that on every start, unless the user asked for
        // its notices
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(System.err, e.getMessage());
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        DynamoDbEngine engine;
        DynamoDbEngineServer server;
        try {
            engine = DynamoDbEngine.builder()
                    .region(options.region())
                    .accountId(options.accountId())
                    .build();
            server = DynamoDbEngineServer.create(engine, options.port()).start();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            fail(System.err, e.getMessage());
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            engine.close();
                        },
                        "dynamodb-engine-shutdown"));
        System.out.println("Excalibur DynamoDB engine listening on " + server.endpoint());
        System.out.flush();
    }

    private static void fail(PrintStream err, String message) {
        err.println(message);
        err.println(USAGE);
        System.exit(2);
    }

    /** The command line: {@code --port}, {@code --region}, {@code --account-id}, {@code --help}. */
    record Options(int port, String region, String accountId, boolean help) {

        static Options parse(String... args) {
            int port = 8000;
            String region = "us-east-1";
            String accountId = DynamoDbEngine.DEFAULT_ACCOUNT_ID;
            boolean help = false;
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (option.equals("--help") || option.equals("-h")) {
                    help = true;
                    continue;
                }
                if (!List.of("--port", "--region", "--account-id").contains(option)) {
                    throw new IllegalArgumentException("unknown argument: " + option);
                }
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("missing value for " + option);
                }
                String value = rest.remove(0);
                switch (option) {
                    case "--port" -> port = port(value);
                    case "--region" -> region = value;
                    default -> accountId = value;
                }
            }
            return new Options(port, region, accountId, help);
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--port needs a port number 0-65535: " + value);
        }
    }
}
