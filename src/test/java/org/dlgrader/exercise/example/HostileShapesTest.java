package org.dlgrader.exercise.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A student's input.shape and an ONNX graph's declared input both decide how many random values the
 * grading process itself makes before a worker runs: neither may ask for more than the cap.
 */
class HostileShapesTest {

    @Test
    void aDeclaredShapeBeyondTheBoundsIsRefusedUnmade() {
        assertThat(ExampleTask.parseShape("1,3,100000,100000")).isNull();
        assertThat(ExampleTask.parseShape("1,2147483648")).isNull();
        assertThat(ExampleTask.parseShape("1,-3,32,32")).isNull();
        assertThat(ExampleTask.parseShape("1,0,32,32")).isNull();
        assertThat(ExampleTask.parseShape("1" + ",1".repeat(99))).isNull();
        assertThat(ExampleTask.parseShape("65,3,32,32")).as("batch over 64").isNull();
        assertThat(ExampleTask.parseShape("64,3,224,224")).containsExactly(64, 3, 224, 224);
    }

    @Test
    void aGraphsHugeDeclaredInputIsNotTried() {
        assertThat(ExampleTask.shapesToTry(Optional.of(new long[] {1, 3, 100_000, 100_000})))
                .noneMatch(s -> s.length == 4 && s[2] == 100_000);
        assertThat(ExampleTask.shapesToTry(Optional.of(new long[] {1, Long.MAX_VALUE, Long.MAX_VALUE})))
                .allMatch(s -> java.util.Arrays.stream(s).reduce(1, Math::multiplyExact) <= ExampleTask.MAX_VALUES);
    }
}
