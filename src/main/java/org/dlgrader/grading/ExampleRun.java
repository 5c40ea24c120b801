package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.example.ExampleTask;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelJob;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.ModelRunner;

/**
 * The free exercise graded: the model run on seeded random input of the shape its student declares
 * in submission.properties, or of the shape its file declares (ONNX) and then each common shape in
 * turn until one runs. Each shape is a job of
 * its own for the runner (a worker, under the limits), through whichever loader recognised the file.
 */
final class ExampleRun {

    private ExampleRun() {
    }

    /** {@code input.shape} from the student's submission.properties, or null. */
    static String declaredShape(Submission submission) {
        return Submissions.property(submission.folder(), ExampleTask.SHAPE_PROPERTY);
    }

    /** A limit broken or a grader fault ends the trying at once: the next shape would only break it again. */
    static Measurement measure(ModelRunner runner, long seed, ExerciseSpec spec, ExampleTask example, ModelFile file,
            ModelLoader loader, Submission submission) {
        String name = file.name();
        String declaredText = declaredShape(submission);
        boolean declared = declaredText != null && !declaredText.isBlank();
        List<long[]> shapes = declared ? List.of() : ExampleTask.shapesToTry(loader.declaredInputShape(file));
        if (declared) {
            long[] shape = ExampleTask.parseShape(declaredText);
            if (shape == null) {
                return Measurement.of(spec.id(), name, Outcome.REFUSED, StudentText.clean(tr("grading.example.badShape",
                        declaredText.trim(), ExampleTask.SHAPE_PROPERTY, ExampleTask.MAX_BATCH, ExampleTask.MAX_VALUES)), 0);
            }
            shapes = List.<long[]>of(shape);
        }
        List<String> refusals = new ArrayList<>();
        for (long[] shape : shapes) {
            ModelRun run = runner.run(new ModelJob(file, loader, example.spec(shape), List.of(example.inputs(shape, seed))));
            if (run instanceof ModelRun.Outputs outputs) {
                Optional<String> outside = spec.architecture().refusal(name, outputs.shape());
                if (outside.isPresent()) {
                    return Measurement.of(spec.id(), name, Outcome.REFUSED, StudentText.clean(outside.get()), 0);
                }
                Evaluation evaluation = example.evaluate(outputs.outputs().get(0), outputs.shape(), shape, declared);
                return new Measurement(spec.id(), name, Outcome.MEASURED, null, StudentText.clean(outputs.description()),
                        StudentText.clean(outputs.notes()), evaluation, 0);
            }
            if (run instanceof ModelRun.Refused refused) {
                refusals.add(StudentText.clean(refused.message()));
            } else if (run instanceof ModelRun.NotGradable notGradable) {
                return Measurement.of(spec.id(), name, Outcome.NOT_GRADABLE, StudentText.clean(notGradable.reason()), 0);
            } else {
                return Measurement.of(spec.id(), name, Outcome.GRADER_ERROR, ((ModelRun.GraderFault) run).reason(), 0);
            }
        }
        String tried = String.join(", ", shapes.stream().map(ExampleTask::describe).toList());
        String reason;
        if (declared) {
            reason = tr("grading.example.declaredFailed", name, tried, ExampleTask.SHAPE_PROPERTY, refusals.get(0));
        } else if (refusals.stream().distinct().count() == 1) {
            // The same answer on every shape is about the file, not its input: said once, as it is.
            reason = refusals.get(0);
        } else {
            reason = tr("grading.example.noShape", name, tried, refusals.get(0), ExampleTask.SHAPE_PROPERTY);
        }
        return Measurement.of(spec.id(), name, Outcome.REFUSED, StudentText.clean(reason), 0);
    }
}
