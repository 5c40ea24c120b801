package org.dlgrader;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layers of the code, one direction only: command line → runs → reports and isolation →
 * grading → exercises → the foundations (models, data, training, engine, plotting, io, the message bundle). Benchmarks
 * sit beside the runs, intake beside the command line, and mailing the reports beside it (using the
 * intake's mail server addresses and the reports' files). A class that imports against this fails the
 * build, with the import named.
 */
class ArchitectureTest {

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("command line").definedBy("org.dlgrader.cli..")
            .layer("benchmarks").definedBy("org.dlgrader.bench..")
            .layer("intake").definedBy("org.dlgrader.intake..")
            .layer("mail").definedBy("org.dlgrader.mail..")
            .layer("runs").definedBy("org.dlgrader.run..")
            .layer("reports").definedBy("org.dlgrader.report..")
            .layer("isolation").definedBy("org.dlgrader.isolation..")
            .layer("grading").definedBy("org.dlgrader.grading..")
            .layer("exercises").definedBy("org.dlgrader.exercise..")
            .layer("foundations").definedBy("org.dlgrader.model..", "org.dlgrader.data..", "org.dlgrader.train..",
                    "org.dlgrader.engine..", "org.dlgrader.plot..", "org.dlgrader.io..", "org.dlgrader.i18n..")
            .whereLayer("command line").mayNotBeAccessedByAnyLayer()
            .whereLayer("benchmarks").mayOnlyBeAccessedByLayers("command line")
            .whereLayer("intake").mayOnlyBeAccessedByLayers("command line", "mail")
            .whereLayer("mail").mayOnlyBeAccessedByLayers("command line")
            .whereLayer("runs").mayOnlyBeAccessedByLayers("command line", "benchmarks")
            .whereLayer("reports").mayOnlyBeAccessedByLayers("command line", "benchmarks", "runs", "mail")
            .whereLayer("isolation").mayOnlyBeAccessedByLayers("command line", "benchmarks", "runs")
            .whereLayer("grading").mayOnlyBeAccessedByLayers("command line", "benchmarks", "intake", "runs", "reports", "isolation")
            .whereLayer("exercises").mayOnlyBeAccessedByLayers("command line", "benchmarks", "runs", "reports", "isolation", "grading");

    /** Within the foundations (and everywhere else) packages never import each other in a circle. */
    static final ArchRule NO_CYCLES = slices().matching("org.dlgrader.(*)..").should().beFreeOfCycles();

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.dlgrader");

    @Test
    void importsRunDownTheLayers() {
        LAYERS.check(MAIN);
    }

    @Test
    void noPackagesImportEachOtherInACircle() {
        NO_CYCLES.check(MAIN);
    }

    /** The rule is not one that cannot fail: a model class that reaches up into grading breaks it. */
    @Test
    void anImportUpTheLayersIsCaught() {
        JavaClasses withAViolation = new ClassFileImporter().importClasses(
                org.dlgrader.model.UpwardImport.class, org.dlgrader.grading.Score.class);
        assertThat(LAYERS.evaluate(withAViolation).hasViolation()).isTrue();
        assertThat(LAYERS.evaluate(withAViolation).getFailureReport().toString())
                .contains("org.dlgrader.model.UpwardImport").contains("org.dlgrader.grading.Score");
    }
}
