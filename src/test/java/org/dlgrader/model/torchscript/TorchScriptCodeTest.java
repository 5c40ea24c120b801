package org.dlgrader.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.model.Fixtures;
import org.dlgrader.model.ModelRejected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The operator check on TorchScript code, on files written by real PyTorch: every attack of
 * {@code fixtures/attacks} is refused before libtorch sees it, naming what it called; every honest
 * model, traced or scripted, passes.
 */
class TorchScriptCodeTest {

    private static void check(Path file) throws IOException, ModelRejected {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            TorchScriptCode.check(zip, file.getFileName().toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "leak.pt | torch.from_file",
        "labels.pt | torch.from_file",
        "vandal.pt | torch.save",
        "forger.pt | print",
        "forge_then_spin.pt | print",
        "linger.pt | fork",
        "fork_hog.pt | fork",
        "shm.pt | torch.from_file"})
    void everyAttackIsRefusedByName(String file, String operator) {
        assertThatThrownBy(() -> check(Fixtures.file("attacks/" + file)))
                .isInstanceOf(ModelRejected.class)
                .hasMessageStartingWith(file + " runs code that a model does not need, so the grader did not run it: ")
                .hasMessageContaining(operator)
                .hasMessageContaining("torch.jit.trace(model, example).save(...)");
    }

    /** A Chinese class reads the refusal in Chinese, with the operator and the line to export with as they are. */
    @Test
    void theRefusalIsSaidInTheClassLanguage() {
        Messages.use(Language.ZH_CN);
        try {
            assertThatThrownBy(() -> check(Fixtures.file("attacks/leak.pt")))
                    .isInstanceOf(ModelRejected.class)
                    .hasMessageStartingWith("leak.pt 会运行模型不需要的代码，所以评分程序没有运行它：")
                    .hasMessageContaining("torch.from_file")
                    .hasMessageEndingWith("请导出普通的网络：torch.jit.trace(model, example).save(...)。");
        } finally {
            Messages.use(Language.EN);
        }
    }

    static Stream<Path> honestModels() throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (String name : List.of("square_traced.pt", "cifar_traced.pt", "hang.pt", "memory_hog.pt", "slow_linear.pt",
                "layer_zoo_scripted.pt", "attacks/huge_error.pt")) {
            files.add(Fixtures.file(name));
        }
        try (Stream<Path> example = Files.list(Path.of("submissions", "2024003-王 小明"))) {
            example.filter(p -> p.toString().endsWith(".pt")).forEach(files::add);
        }
        Path realWorld = Fixtures.REAL_WORLD.resolve("ts-bsusheel/model_scripted.pt");
        if (Files.exists(realWorld)) {
            files.add(realWorld);
        }
        return files.stream();
    }

    /** Hangs, memory hogs and errors are the sandbox's and the limits' to stop: they call only maths. */
    @ParameterizedTest
    @MethodSource("honestModels")
    void tracedAndScriptedModelsPass(Path file) {
        assertThatCode(() -> check(file)).doesNotThrowAnyException();
    }

    @Test
    void namesInStringsAndCommentsDoNotCountButSpacesDoNotHideACall() {
        assertThat(TorchScriptCode.refusedOperators(List.of("""
                def forward(self, x: Tensor) -> Tensor:
                  # torch.from_file("/etc/passwd") in a comment
                  s = "torch.save(x, 'f')" + 'print(1)' + \"\"\"fork(f)\"\"\"
                  input = torch.relu(x)
                  return torch.linear(input, self.weight, None)
                """))).isEmpty();
        assertThat(TorchScriptCode.refusedOperators(List.of("y = torch . from_file ('/etc/passwd', False, 8)"))).containsExactly("torch.from_file");
        assertThat(TorchScriptCode.refusedOperators(List.of("y = ops.aten.from_file('/x')"))).containsExactly("ops.aten.from_file");
        assertThat(TorchScriptCode.refusedOperators(List.of("y = ops.prim.Print(x)"))).containsExactly("ops.prim.Print");
    }

    @Test
    void methodsOfValuesMustBeTheArchivesOwnOrTensorMaths() {
        assertThat(TorchScriptCode.refusedOperators(List.of("""
                class M(Module):
                  def helper(self, x: Tensor) -> Tensor:
                    return x
                  def forward(self, x: Tensor) -> Tensor:
                    y = (self.conv).forward(x)
                    return self.helper(y).view(-1, 10)
                """))).isEmpty();
        assertThat(TorchScriptCode.refusedOperators(List.of("s = x.storage()\nt = (x).set_(s)")))
                .containsExactly(".storage()", ".set_()");
    }

    @Test
    void theEnginesOwnClassesAreRefused() {
        assertThat(TorchScriptCode.refusedOperators(List.of("g = __torch__.torch.classes.dist_c10d.ProcessGroup(1)")))
                .containsExactly("__torch__.torch.classes.dist_c10d.ProcessGroup");
    }
}
