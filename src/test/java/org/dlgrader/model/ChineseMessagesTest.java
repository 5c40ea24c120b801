package org.dlgrader.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.model.keras.KerasH5Loader;
import org.dlgrader.model.pytorch.StateDictReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a Chinese class reads when its file is refused: the sentence in Chinese, the file name, the
 * numbers and the lines of code to save with exactly as they are in English. (The English texts
 * are held word for word by ModelLoadersTest.)
 */
class ChineseMessagesTest {

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private static ModelLoader detect(String name) throws IOException, ModelRejected {
        return ModelLoaders.detect(ModelFile.of(Fixtures.file(name)), 512);
    }

    @Test
    void anEmptyFileIsToldInChinese() {
        Messages.use(Language.ZH_CN);
        assertThatThrownBy(() -> detect("empty.pth")).isInstanceOf(ModelRejected.class)
                .hasMessage("empty.pth 是空文件（0 字节）。请重新保存模型，再把保存好的文件作为附件提交。");
    }

    @Test
    void aFormatTheGraderDoesNotRunIsNamedWithTheWaysToSaveInChinese() {
        Messages.use(Language.ZH_CN);
        assertThatThrownBy(() -> detect("square.safetensors")).isInstanceOf(ModelRejected.class)
                .hasMessageStartingWith("square.safetensors 是一个 safetensors 文件，评分程序不能运行这种文件。请改用以下任一方式保存：")
                .hasMessageContaining("TorchScript：torch.jit.script(model).save(\"square.safetensors\")；"
                        + "PyTorch torch.save 文件：torch.save(model.state_dict(), \"square.safetensors\")；")
                .hasMessageEndingWith("。");
    }

    /** The names in the accepted-formats sentence are translated; the lines of code and the English are not touched. */
    @Test
    void theAcceptedFormatsAreTheSameLinesOfCodeInBothLanguages() {
        // Only the formats saved under the file's ending: Keras will not write "m.pth".
        String english = "TorchScript: torch.jit.script(model).save(\"m.pth\"); PyTorch torch.save file: "
                + "torch.save(model.state_dict(), \"m.pth\")";
        assertThat(ModelLoaders.acceptedFormats("m.pth")).isEqualTo(english);
        Messages.use(Language.ZH_CN);
        assertThat(ModelLoaders.acceptedFormats("m.pth")).isEqualTo(english.replace(": ", "：").replace("; ", "；")
                .replace("torch.save file", "torch.save 文件"));
        Messages.use(Language.EN);
        assertThat(ModelLoaders.acceptedFormats("m.h5")).isEqualTo("Keras HDF5: model.save(\"m.h5\")");
    }

    @Test
    void aWholePickledModelIsRefusedInChinese() {
        Messages.use(Language.ZH_CN);
        assertThatThrownBy(() -> StateDictReader.read(Fixtures.file("square_full_module.pth"), false))
                .isInstanceOf(ModelRejected.class)
                .hasMessageStartingWith("square_full_module.pth 不是 state_dict：它要求 Python 构建 "
                        + "torch.nn.modules.container.Sequential，")
                .hasMessageContaining("请改用 torch.save(model.state_dict(), \"square_full_module.pth\") 保存权重");
    }

    @Test
    void aZipBombIsRefusedInChinese() {
        Messages.use(Language.ZH_CN);
        assertThatThrownBy(() -> detect("bomb.pth")).isInstanceOf(ModelRejected.class)
                .hasMessageStartingWith("bomb.pth：条目 ")
                .hasMessageContaining("它看起来像 zip 炸弹，因此没有解压。");
    }

    @Test
    void aCutOffHdf5FileGivesBothLengthsAsEnglishDoes() {
        Messages.use(Language.ZH_CN);
        InputSpec spec = new InputSpec(784, 10, InputLayouts.flat(784), null);
        assertThatThrownBy(() -> new KerasH5Loader().load(ModelFile.of(Fixtures.file("image_classify_cut.h5")), spec))
                .isInstanceOf(ModelRejected.class)
                .hasMessageStartingWith("image_classify_cut.h5 不完整：它只有 418,376 字节，但文件自己记录的长度是 422,472 字节。");
    }
}
