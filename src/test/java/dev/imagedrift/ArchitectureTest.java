package dev.imagedrift;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering the README's code map draws, checked on the compiled production classes:
 * arrows point one way, the core knows nothing of Kafka or the command line, nothing depends on the
 * tools, and no two packages depend on each other.
 */
class ArchitectureTest {
    private static final String[] CORE = {
            "dev.imagedrift.image..", "dev.imagedrift.properties..", "dev.imagedrift.reference..",
            "dev.imagedrift.detect..", "dev.imagedrift.window..", "dev.imagedrift.report..",
            "dev.imagedrift.embedding..", "dev.imagedrift.fetch.."};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.imagedrift");
    }

    @Test
    void theCoreKnowsNothingOfKafkaOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "picocli..",
                        "io.prometheus..")
                .because("the core is plain Java, used by the batch check and the stream alike")
                .check(production);
    }

    @Test
    void nothingOutsideTheToolsDependsOnThem() {
        noClasses().that().resideOutsideOfPackage("dev.imagedrift.tools..")
                .should().dependOnClassesThat().resideInAPackage("dev.imagedrift.tools..")
                .because("the production artifact leaves the tools (and their broker and charts) out")
                .check(production);
    }

    @Test
    void onlyTheToolsUseKafkasTestDriver() {
        noClasses().that().resideOutsideOfPackage("dev.imagedrift.tools..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.kafka.streams.TopologyTestDriver")
                .because("kafka-streams-test-utils is on the compile classpath for bench sampling only, and the "
                        + "production artifact leaves it out")
                .check(production);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.imagedrift.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.imagedrift..")
                .layer("tools").definedBy("dev.imagedrift.tools..")
                .layer("cli").definedBy("dev.imagedrift.cli..")
                .layer("app").definedBy("dev.imagedrift.app..")
                .layer("metrics").definedBy("dev.imagedrift.metrics..")
                .layer("stream").definedBy("dev.imagedrift.stream..")
                .layer("config").definedBy("dev.imagedrift.config..")
                .layer("report").definedBy("dev.imagedrift.report..")
                .layer("fetch").definedBy("dev.imagedrift.fetch..")
                .layer("reference").definedBy("dev.imagedrift.reference..")
                .layer("window").definedBy("dev.imagedrift.window..")
                .layer("embedding").definedBy("dev.imagedrift.embedding..")
                .layer("detect").definedBy("dev.imagedrift.detect..")
                .layer("properties").definedBy("dev.imagedrift.properties..")
                .layer("image").definedBy("dev.imagedrift.image..")
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayOnlyBeAccessedByLayers("tools")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "tools")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("app", "cli", "tools")
                .whereLayer("stream").mayOnlyBeAccessedByLayers("metrics", "app", "cli", "tools")
                .whereLayer("config").mayOnlyBeAccessedByLayers("stream", "metrics", "app", "cli", "tools")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "tools")
                .whereLayer("fetch").mayOnlyBeAccessedByLayers("config", "stream", "metrics", "app", "cli", "tools")
                .whereLayer("window").mayOnlyBeAccessedByLayers("stream", "app", "tools")
                .whereLayer("embedding").mayOnlyBeAccessedByLayers("reference", "report", "stream", "config", "app",
                        "cli", "tools")
                .check(production);
    }
}
