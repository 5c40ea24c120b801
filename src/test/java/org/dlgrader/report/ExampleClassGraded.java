package org.dlgrader.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submissions;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.model.LocalRunner;

/**
 * The example class in {@code submissions/} really graded against {@code assignment.json}, once per
 * language and per test JVM: the titles are read and the reasons written in the run's language, so
 * a Chinese console is a Chinese grading run, not English results with Chinese labels.
 */
final class ExampleClassGraded {

    record Run(Language language, Assignment assignment, List<StudentResult> results) {

        StudentResult student(String id) {
            return results.stream().filter(r -> r.submission().studentId().equals(id)).findFirst().orElseThrow();
        }
    }

    private static final Map<Language, Run> RUNS = new EnumMap<>(Language.class);

    private ExampleClassGraded() {
    }

    /** The class graded in {@code language}; this process speaks English again afterwards, as the build set it. */
    static synchronized Run in(Language language) {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Run run = RUNS.get(language);
        if (run != null) {
            return run;
        }
        EngineSettings.applyDefaults();
        String override = System.setProperty(Language.PROPERTY, language.tag());
        try {
            Assignment assignment = Assignment.load(Assignment.DEFAULT);
            Grader grader = new Grader(assignment, new LocalRunner(), null);
            List<StudentResult> results = Submissions.discover(Path.of("submissions")).students().stream().map(grader::grade).toList();
            run = new Run(language, assignment, results);
            RUNS.put(language, run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (override == null) {
                System.clearProperty(Language.PROPERTY);
            } else {
                System.setProperty(Language.PROPERTY, override);
            }
            Messages.use(Language.EN);
        }
    }
}
