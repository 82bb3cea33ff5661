package dev.imagedrift.cli;

import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `run` against a cluster it cannot reach gives up after reliability.unreachable-timeout, naming the servers. */
class RunUnreachableClusterIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void exitsNonZeroNamingTheBootstrapServers() throws Exception {
        Path reference = dir.resolve("reference.json.gz");
        SnapshotIO.write(new SyntheticProperties(1).reference(50), reference);
        String bootstrap = "127.0.0.1:" + EmbeddedKafkaBroker.freePort(); // nothing listens there
        Path config = dir.resolve("run.yaml");
        Files.writeString(config, """
                kafka: {bootstrap-servers: "%s", application-id: unreachable-it, state-dir: %s}
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                reliability: {unreachable-timeout: 6s}
                """.formatted(bootstrap, dir.resolve("state"), reference));
        long started = System.nanoTime();
        CliRun run = CliRun.of("run", "--config", config.toString());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot reach the Kafka cluster at " + bootstrap), run.err());
        assertTrue(seconds >= 6 && seconds < 90, "gave up after the timeout, took " + seconds + " s");
    }
}
