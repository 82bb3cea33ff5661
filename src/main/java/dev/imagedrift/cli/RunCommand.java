package dev.imagedrift.cli;

import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.config.ConfigException;
import dev.imagedrift.config.ConfigKeys;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.reference.ReferenceSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** Runs the monitor against a real Kafka cluster until SIGTERM / Ctrl-C, then closes it within a bounded time. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitor against a Kafka cluster until stopped (SIGTERM or Ctrl-C).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = {"-c", "--config"}, description = "YAML configuration file (default: $IMAGEDRIFT_CONFIG, "
            + "else built-in defaults); IMAGEDRIFT_* environment variables override it.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective configuration (file, environment, "
            + "defaults; credentials redacted) and exit.")
    boolean printConfig;

    @Option(names = "--create-topics", description = "Create missing topics first (partitions and replication below).")
    boolean createTopics;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of topics created with --create-topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication of topics created with --create-topics (default: ${DEFAULT-VALUE}).")
    short replication;

    @Override
    public Integer call() throws Exception {
        MonitorConfig cfg;
        ReferenceSet references;
        PropertySet properties = plugins.properties(spec);
        try {
            Path file = config != null ? config
                    : System.getenv("IMAGEDRIFT_CONFIG") != null ? Path.of(System.getenv("IMAGEDRIFT_CONFIG")) : null;
            cfg = ConfigLoader.load(file, System.getenv());
            if (printConfig) {
                System.out.print(ConfigKeys.describe(cfg));
                return ExitCodes.OK;
            }
            references = ReferenceLoader.load(cfg, properties);
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (createTopics) {
            createMissingTopics(cfg);
        }
        MonitorRuntime runtime;
        try {
            runtime = MonitorRuntime.start(cfg, properties, references, MonitorListener.NONE, plugins.classLoader(spec));
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "imagedrift-shutdown"));
        runtime.awaitStopped();
        if (runtime.failure() != null) {
            // Exit non-zero so the orchestrator restarts the process (and counts the restarts).
            runtime.close();
            spec.commandLine().getErr().println("image-drift-monitor run: " + runtime.failure());
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private void createMissingTopics(MonitorConfig cfg) throws InterruptedException {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", cfg.kafka().bootstrapServers());
        cfg.kafka().properties().forEach(admin::put);
        try (Admin client = Admin.create(admin)) {
            for (String topic : DriftTopology.topicNames(cfg)) {
                try {
                    client.createTopics(List.of(new NewTopic(topic, partitions, replication)))
                            .all().get();
                    System.out.println("created topic " + topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                    }
                }
            }
        }
    }

}
