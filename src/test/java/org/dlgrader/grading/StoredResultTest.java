package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dlgrader.plot.Figure;
import org.junit.jupiter.api.Test;

/** The one JSON shape of a result: what comes back from it is what went in. */
class StoredResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExerciseSpec SPEC = new ExerciseSpec("fashion-mlp", "Quickstart", List.of("model.pth"), "fashion", List.of());

    private static ExerciseResult result() {
        Score score = new Score("fashion-mlp", "test accuracy", 9.18, 10, false, 0.612, "≥ 0.640", 0.652,
                "accuracy 0.612 is below the required 0.640 (reference 0.652)");
        Figure grid = Figure.svg("Your predictions", "the first 15 test images", () -> "<svg/>".getBytes(StandardCharsets.UTF_8));
        Figure chart = Figure.png("Your line", "256 points", () -> new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        return new ExerciseResult(SPEC, "model.pth", "state_dict: 784→512 relu", List.of(score), List.of("saved on cuda:0"),
                List.of(grid, chart), new int[][] {{1, 2}, {3, 4}}, 0.25);
    }

    @Test
    void aResultWithItsPicturesComesBackWhole() throws Exception {
        String json = JSON.writeValueAsString(StoredResult.of(result(), true));
        ExerciseResult back = JSON.readValue(json, StoredResult.class).toResult(SPEC);

        assertThat(back.file()).isEqualTo("model.pth");
        assertThat(back.modelDescription()).isEqualTo("state_dict: 784→512 relu");
        assertThat(back.scores()).isEqualTo(result().scores());
        assertThat(back.notes()).containsExactly("saved on cuda:0");
        assertThat(back.confusion()).isDeepEqualTo(new int[][] {{1, 2}, {3, 4}});
        assertThat(back.seconds()).isEqualTo(0.25);
        assertThat(back.figures()).extracting(Figure::title, Figure::mediaType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Your predictions", Figure.SVG),
                        org.assertj.core.groups.Tuple.tuple("Your line", Figure.PNG));
        assertThat(new String(back.figures().get(0).bytes().get(), StandardCharsets.UTF_8)).isEqualTo("<svg/>");
    }

    @Test
    void withoutPicturesNothingIsEncodedButTheScoresStay() throws Exception {
        String json = JSON.writeValueAsString(StoredResult.of(result(), false));
        assertThat(json).doesNotContain("Your predictions");
        ExerciseResult back = JSON.readValue(json, StoredResult.class).toResult(SPEC);
        assertThat(back.figures()).isEmpty();
        assertThat(back.points()).isEqualTo(9.18);
    }

    @Test
    void aResultForAnotherExerciseIsRefused() {
        StoredResult stored = StoredResult.of(result(), false);
        ExerciseSpec other = new ExerciseSpec("square", "x1² + x2²", List.of("square.pth"), "square", List.of());
        assertThatThrownBy(() -> stored.toResult(other)).hasMessageContaining("a result for fashion-mlp where one for square was expected");
    }
}
