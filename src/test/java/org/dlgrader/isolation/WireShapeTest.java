package org.dlgrader.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRun;
import org.dlgrader.model.ModelShape;
import org.junit.jupiter.api.Test;

/**
 * A model's layers come back from a worker as raw kinds and numbers, bounded before they are
 * believed: the grading process decides what they mean.
 */
class WireShapeTest {

    private static ModelRun roundTrip(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        assertThat(in.readByte()).isEqualTo(Wire.RESULT);
        in.readLong();
        return Wire.readResult(in, new Wire.Expected(List.of(1), 10));
    }

    private static byte[] result(ModelShape shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Wire.writeResult(out, 7, new ModelRun.Outputs("TorchScript", List.of(), false,
                List.of(new LoadedModel.Output(new float[10], 1, 10)), shape));
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void layersAndParametersComeBackAsTheWorkerSawThem() throws IOException {
        ModelShape shape = new ModelShape(List.of(new ModelShape.Layer(ModelShape.CONV2D, List.of(1, 32, 3, 3)),
                new ModelShape.Layer(ModelShape.DENSE, List.of(1152, 10))), 817_354);
        ModelRun.Outputs back = (ModelRun.Outputs) roundTrip(result(shape));
        assertThat(back.shape()).isEqualTo(shape);
        assertThat(((ModelRun.Outputs) roundTrip(result(ModelShape.UNKNOWN))).shape()).isEqualTo(ModelShape.UNKNOWN);
    }

    @Test
    void aKindTheGraderDoesNotKnowIsOther() throws IOException {
        ModelShape shape = new ModelShape(List.of(new ModelShape.Layer("<script>", List.of(4))), 4);
        assertThat(((ModelRun.Outputs) roundTrip(result(shape))).shape().layers().get(0).kind()).isEqualTo(ModelShape.OTHER);
    }

    @Test
    void aModelWithTooManyLayersToListIsCutWithAnOtherLayerNotLeftUnknown() throws IOException {
        List<ModelShape.Layer> many = Collections.nCopies(Wire.MAX_LAYERS + 5, new ModelShape.Layer(ModelShape.DENSE, List.of(8, 8)));
        ModelShape back = ((ModelRun.Outputs) roundTrip(result(new ModelShape(many, 1)))).shape();
        assertThat(back.layers()).hasSize(Wire.MAX_LAYERS);
        assertThat(back.layers().get(Wire.MAX_LAYERS - 1)).isEqualTo(new ModelShape.Layer(ModelShape.OTHER, List.of(Wire.MAX_LAYERS + 5)));
        assertThat(back.denseWidths()).isEmpty();
    }

    @Test
    void aWorkerThatClaimsMoreLayersThanAnyModelHasIsCaught() throws IOException {
        byte[] honest = result(new ModelShape(List.of(), 10));
        // The shape is the frame's tail: its parameter count (8 bytes), then its layer count (4 bytes).
        java.nio.ByteBuffer.wrap(honest).putInt(honest.length - 4, Integer.MAX_VALUE);
        assertThatThrownBy(() -> roundTrip(honest)).isInstanceOf(Wire.Violation.class);
    }
}
