package dev.imagedrift.tools.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker (KRaft, combined broker + controller) in this JVM, on loopback ports,
 * for the {@code demo} command and the broker tests. Built from the plain Kafka jars: no Docker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final Path logDir;
    private final boolean ownsLogDir;
    private final int brokerPort;
    private final int saslPort;
    private final Properties props;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, boolean ownsLogDir, int brokerPort, int saslPort, Properties props,
                                KafkaRaftServer server) {
        this.logDir = logDir;
        this.ownsLogDir = ownsLogDir;
        this.brokerPort = brokerPort;
        this.saslPort = saslPort;
        this.props = props;
        this.server = server;
    }

    /** Formats a fresh log directory under a new temp dir and starts the broker (about 2 s). */
    public static EmbeddedKafkaBroker start() {
        try {
            return start(Files.createTempDirectory("imagedrift-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for the embedded broker", e);
        }
    }

    /** Starts a broker whose data lives in {@code logDir} (formatted here; must be empty). */
    public static EmbeddedKafkaBroker start(Path logDir, boolean deleteOnClose) {
        return start(logDir, deleteOnClose, freePort());
    }

    /**
     * Starts a broker on a given port (the tests that start a client before its broker, or stop
     * and restart the broker, need to know the address in advance).
     */
    public static EmbeddedKafkaBroker start(Path logDir, boolean deleteOnClose, int brokerPort) {
        return start(logDir, deleteOnClose, brokerPort, null, null);
    }

    /**
     * A broker with a second listener, SASL_PLAINTEXT with SCRAM-SHA-256, that knows one user
     * ({@link #saslBootstrapServers()}); the PLAINTEXT listener stays for the brokers' own traffic
     * and test setup.
     */
    public static EmbeddedKafkaBroker startWithScramUser(String user, String password) {
        try {
            return start(Files.createTempDirectory("imagedrift-kafka-"), true, freePort(), user, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for the embedded broker", e);
        }
    }

    private static EmbeddedKafkaBroker start(Path logDir, boolean deleteOnClose, int brokerPort, String scramUser,
                                             String scramPassword) {
        int controllerPort = freePort();
        int saslPort = scramUser == null ? -1 : freePort();
        Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        if (scramUser != null) {
            props.put("listeners", props.get("listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
            props.put("advertised.listeners", props.get("advertised.listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map")
                    + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
            props.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        Path configFile = logDir.resolve("server.properties");
        try {
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "embedded image-drift-monitor broker");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile, e);
        }
        format(configFile, scramUser == null ? List.of()
                : List.of("--add-scram", "SCRAM-SHA-256=[name=" + scramUser + ",password=" + scramPassword + "]"));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(logDir, deleteOnClose, brokerPort, saslPort, props, server);
    }

    /** Stops the broker, keeping its data (a crash or maintenance, as the clients see it). */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the stopped broker again on the same ports with the same data. */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("the broker is running");
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.resolve("data").toString());
        // One node: every internal topic must fit on it.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path configFile, List<String> extra) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int rc;
        List<String> args = new java.util.ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString()));
        args.addAll(extra);
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args.toArray(new String[0]), out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the embedded broker's storage failed: "
                    + captured.toString(StandardCharsets.UTF_8));
        }
    }

    /** A loopback port free now, for {@link #start(Path, boolean, int)}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The SASL_PLAINTEXT (SCRAM-SHA-256) listener of {@link #startWithScramUser}. */
    public String saslBootstrapServers() {
        if (saslPort < 0) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslPort;
    }

    /** Creates topics (partitions each, replication 1) and waits until they exist. */
    public void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + names + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
        if (ownsLogDir) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp dir left behind is harmless.
        }
    }
}
