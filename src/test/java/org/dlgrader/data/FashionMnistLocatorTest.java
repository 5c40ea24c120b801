package org.dlgrader.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.data.FashionMnist.Split;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each folder the locator searches, laid out with the real files in a home, working folder and
 * Debian folder of the test's own, as torchvision, Keras, the cache, a teacher or a half-finished
 * copy leave them. Downloads are off here unless a test turns them on, and point at a closed port:
 * no test reaches the internet (FashionMnistDownloadTest serves the files itself).
 */
class FashionMnistLocatorTest {

    @TempDir
    Path dir;

    private Path home;
    private Path work;
    private Path debian;
    private String os = "Linux";
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void machine() throws IOException {
        RealFiles.assumeInstalled();
        home = Files.createDirectories(dir.resolve("home"));
        work = Files.createDirectories(dir.resolve("work"));
        debian = dir.resolve("debian");
        properties.put(FashionMnistLocator.DOWNLOAD_PROPERTY, "false");
    }

    @AfterEach
    void clear() {
        System.clearProperty(FashionMnistLocator.PROPERTY);
        System.clearProperty(FashionMnistLocator.DOWNLOAD_PROPERTY);
        Messages.use(Language.EN);
    }

    private FashionMnistLocator locator() {
        FashionMnistLocator.Machine machine = new FashionMnistLocator.Machine(os, home, work, debian,
                properties::get, environment::get);
        return new FashionMnistLocator(machine, List.of("http://127.0.0.1:9/"), null, Duration.ofSeconds(1));
    }

    private Path torchvision() {
        return work.resolve("data/FashionMNIST/raw");
    }

    private Path keras() {
        return home.resolve(".keras/datasets/fashion-mnist");
    }

    private Path cache() {
        return home.resolve(".cache/dl-grader/fashion-mnist");
    }

    private static final EnumSet<Split> TEST = EnumSet.of(Split.TEST);
    private static final EnumSet<Split> BOTH = EnumSet.allOf(Split.class);

    @Test
    void theSearchOrderIsDebianTorchvisionKerasThenTheCache() {
        assertThat(locator().searched()).containsExactly(debian, torchvision(), keras(), cache());
    }

    @Test
    void theFirstCompleteFolderWins() throws IOException {
        for (Path folder : List.of(debian, torchvision(), keras(), cache())) {
            RealFiles.copy(Split.TEST, folder);
        }
        assertThat(locator().folderFor(TEST)).isEqualTo(debian);

        delete(debian);
        assertThat(locator().folderFor(TEST)).isEqualTo(torchvision());

        delete(torchvision());
        assertThat(locator().folderFor(TEST)).isEqualTo(keras());

        delete(keras());
        assertThat(locator().folderFor(TEST)).isEqualTo(cache());
    }

    /** The lesson's `datasets.FashionMNIST(root="data", download=True)`, run where the grader runs. */
    @Test
    void torchvisionsFolderUnderTheWorkingFolderIsFoundAndRead() throws IOException {
        RealFiles.copy(Split.TEST, torchvision());

        Path found = locator().folderFor(TEST);

        assertThat(found).isEqualTo(torchvision());
        FashionMnist test = FashionMnist.load(found, Split.TEST);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(FashionMnist.CLASS_NAMES.get(test.labels()[0])).isEqualTo("Ankle boot");
    }

    /** torchvision reads the unpacked files it leaves beside the archives; they are enough without the .gz. */
    @Test
    void torchvisionsUnpackedFilesCountWithoutTheArchives() throws IOException {
        RealFiles.unpack(Split.TEST, torchvision());

        Path found = locator().folderFor(TEST);

        assertThat(found).isEqualTo(torchvision());
        FashionMnist fromUnpacked = FashionMnist.load(found, Split.TEST);
        FashionMnist fromDebian = FashionMnist.load(RealFiles.DEBIAN, Split.TEST);
        assertThat(fromUnpacked.labels()).isEqualTo(fromDebian.labels());
        assertThat(fromUnpacked.pixels()).isEqualTo(fromDebian.pixels());
    }

    /** `keras.datasets.fashion_mnist.load_data()` keeps the four archives under ~/.keras, or $KERAS_HOME. */
    @Test
    void kerassFolderUnderHomeOrKerasHomeIsFound() throws IOException {
        RealFiles.copy(Split.TEST, keras());
        assertThat(locator().folderFor(TEST)).isEqualTo(keras());

        Path kerasHome = dir.resolve("keras-home");
        environment.put("KERAS_HOME", kerasHome.toString());
        RealFiles.copy(Split.TEST, kerasHome.resolve("datasets/fashion-mnist"));
        assertThat(locator().folderFor(TEST)).isEqualTo(kerasHome.resolve("datasets/fashion-mnist"));
    }

    @Test
    void theCacheIsWhereEachSystemKeepsCaches() throws IOException {
        assertThat(locator().cache()).isEqualTo(home.resolve(".cache/dl-grader/fashion-mnist"));
        environment.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        assertThat(locator().cache()).isEqualTo(dir.resolve("xdg/dl-grader/fashion-mnist"));
        environment.put("XDG_CACHE_HOME", "relative/is/ignored");
        assertThat(locator().cache()).isEqualTo(home.resolve(".cache/dl-grader/fashion-mnist"));

        os = "Mac OS X";
        assertThat(locator().cache()).isEqualTo(home.resolve("Library/Caches/dl-grader/fashion-mnist"));

        os = "Windows 11";
        assertThat(locator().cache()).isEqualTo(home.resolve("AppData/Local/dl-grader/fashion-mnist"));
        environment.put("LOCALAPPDATA", dir.resolve("Local").toString());
        assertThat(locator().cache()).isEqualTo(dir.resolve("Local/dl-grader/fashion-mnist"));

        RealFiles.copy(Split.TEST, dir.resolve("Local/dl-grader/fashion-mnist"));
        assertThat(locator().folderFor(TEST)).isEqualTo(dir.resolve("Local/dl-grader/fashion-mnist"));
    }

    /** apt-get is Linux's: elsewhere the Debian path would be a folder on the current drive, and is not searched. */
    @Test
    void theDebianFolderIsSearchedOnLinuxOnly() {
        os = "Windows 10";
        assertThat(locator().searched()).doesNotContain(debian).hasSize(3);
        os = "Mac OS X";
        assertThat(locator().searched()).doesNotContain(debian).hasSize(3);
    }

    @Test
    void aHalfFilledFolderDoesNotHideACompleteOneLater() throws IOException {
        Files.createDirectories(torchvision());
        Files.copy(RealFiles.debian(OfficialFile.TEST_IMAGES), torchvision().resolve("t10k-images-idx3-ubyte.gz"));
        RealFiles.copy(Split.TEST, keras());

        assertThat(locator().folderFor(TEST)).isEqualTo(keras());
    }

    /** Grading needs the test set only; the reference trainers need the training set as well. */
    @Test
    void theTestSetAloneServesGradingButNotTraining() throws IOException {
        RealFiles.copy(Split.TEST, torchvision());

        assertThat(locator().find(TEST)).contains(torchvision());
        assertThat(locator().find(EnumSet.of(Split.TRAIN))).isEmpty();
        assertThat(locator().find(BOTH)).isEmpty();
        assertThatThrownBy(() -> locator().folderFor(BOTH))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("FashionMNIST (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                        + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) was not found")
                .hasMessageContaining(torchvision() + " has t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz but not "
                        + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz.")
                .hasMessageContaining("downloaded (30.9 MB)");

        RealFiles.copy(Split.TRAIN, keras());
        RealFiles.copy(Split.TEST, keras());
        assertThat(locator().folderFor(BOTH)).isEqualTo(keras());
        assertThat(FashionMnist.load(keras(), Split.TRAIN).size()).isEqualTo(60_000);
    }

    @Test
    void nothingFoundWithDownloadsOffSaysWhereItLookedWhatIsMissingAndHowToGetIt() throws IOException {
        Files.createDirectories(torchvision());
        Files.copy(RealFiles.debian(OfficialFile.TEST_IMAGES), torchvision().resolve("t10k-images-idx3-ubyte.gz"));

        assertThatThrownBy(() -> locator().folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessage("FashionMNIST (t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) was not found in any "
                        + "of the folders searched: "
                        + debian + " (Debian's package: apt-get install dataset-fashion-mnist); "
                        + torchvision() + " (torchvision's datasets.FashionMNIST(root=\"data\", download=True), run in this folder); "
                        + keras() + " (Keras's fashion_mnist.load_data()); "
                        + cache() + " (this grader's download cache). Downloading is off (-Dgrader.download=false). "
                        + torchvision() + " has t10k-images-idx3-ubyte.gz but not t10k-labels-idx1-ubyte.gz. "
                        + "To get the files: run again without -Dgrader.download=false and they are downloaded (4.4 MB) into "
                        + cache() + "; or copy the official files into one of the folders above; or, on Debian/Ubuntu, "
                        + "apt-get install dataset-fashion-mnist.");
    }

    @Test
    void nothingFoundIsSaidInChinese() {
        Messages.use(Language.ZH_CN);

        assertThatThrownBy(() -> locator().folderFor(TEST))
                .hasMessageContaining("在查找过的文件夹中都没有找到 FashionMNIST（t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz）")
                .hasMessageContaining("；" + keras() + "（Keras 的 fashion_mnist.load_data() 下载到这里）；")
                .hasMessageContaining("下载已关闭（-Dgrader.download=false）")
                .hasMessageContaining("去掉 -Dgrader.download=false 再运行一次，文件（4.4 MB）会下载到 " + cache())
                .hasMessageContaining("下载已关闭（-Dgrader.download=false）。获取这些文件的方法：")
                .hasMessageNotContaining("。 ");
    }

    /** A folder the teacher names is the only one searched: a wrong one is said, not papered over by another copy or a download. */
    @Test
    void aNamedFolderIsTheOnlyOneSearchedAndNeverDownloadedInto() throws IOException {
        RealFiles.copy(Split.TEST, debian);
        Path named = dir.resolve("teacher");
        properties.remove(FashionMnistLocator.DOWNLOAD_PROPERTY);
        properties.put(FashionMnistLocator.PROPERTY, named.toString());

        assertThat(locator().searched()).containsExactly(named);
        assertThatThrownBy(() -> locator().folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessage("FashionMNIST was not found in any of [" + named + "]: that is the folder named by "
                        + "-Dfashion.mnist.dir, and a folder that is named is the only one searched, and nothing is "
                        + "downloaded for it. It needs t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz. Copy the "
                        + "official files into it, or remove -Dfashion.mnist.dir so that the usual folders are searched "
                        + "and the files downloaded; on Debian/Ubuntu, apt-get install dataset-fashion-mnist puts them in "
                        + "one of those.");
        assertThat(cache()).doesNotExist();

        RealFiles.copy(Split.TEST, named);
        assertThat(locator().folderFor(TEST)).isEqualTo(named);
    }

    @Test
    void theEnvironmentNamesAFolderWhenThePropertyDoesNot() throws IOException {
        Path fromEnvironment = RealFiles.copy(Split.TEST, dir.resolve("env"));
        Path fromProperty = RealFiles.copy(Split.TEST, dir.resolve("prop"));
        environment.put(FashionMnistLocator.ENVIRONMENT, fromEnvironment.toString());
        assertThat(locator().folderFor(TEST)).isEqualTo(fromEnvironment);

        properties.put(FashionMnistLocator.PROPERTY, fromProperty.toString());
        assertThat(locator().folderFor(TEST)).isEqualTo(fromProperty);
    }

    @Test
    void aHalfFilledNamedFolderSaysWhatItLacks() throws IOException {
        Path named = Files.createDirectories(dir.resolve("teacher"));
        Files.copy(RealFiles.debian(OfficialFile.TEST_LABELS), named.resolve("t10k-labels-idx1-ubyte.gz"));
        environment.put(FashionMnistLocator.ENVIRONMENT, named.toString());

        assertThatThrownBy(() -> locator().folderFor(TEST))
                .hasMessageContaining("FashionMNIST was not found in any of [" + named + "]: that is the folder named by $FASHION_MNIST_DIR")
                .hasMessageContaining(named + " has t10k-labels-idx1-ubyte.gz but not t10k-images-idx3-ubyte.gz.")
                .hasMessageContaining("or remove $FASHION_MNIST_DIR");
    }

    /** A name the file system refuses is said as the setting's fault, the same kind of error a missing folder is. */
    @Test
    void aFolderNameTheSystemRefusesIsSaid() {
        properties.put(FashionMnistLocator.PROPERTY, "bad\0name");

        assertThatThrownBy(() -> locator().folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("-Dfashion.mnist.dir names the folder \"bad\0name\", which is not a folder name this system accepts (");
    }

    @Test
    void theDownloadSwitchIsReadFromThePropertyTheOldPropertyOrTheEnvironment() {
        properties.clear();
        assertThat(locator().downloadsOffBy()).as("on by default").isNull();
        environment.put(FashionMnistLocator.DOWNLOAD_ENVIRONMENT, "false");
        assertThat(locator().downloadsOffBy()).isEqualTo("GRADER_DOWNLOAD=false");
        properties.put("fashion.mnist.download", "off");
        assertThat(locator().downloadsOffBy()).isEqualTo("-Dfashion.mnist.download=off");
        properties.put(FashionMnistLocator.DOWNLOAD_PROPERTY, "true");
        assertThat(locator().downloadsOffBy()).as("the property over the environment").isNull();

        properties.put(FashionMnistLocator.DOWNLOAD_PROPERTY, "flase");
        assertThatThrownBy(() -> locator().folderFor(TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessage("-Dgrader.download=flase: downloads are turned on with true and off with false.");
    }

    /** The static calls read this process's own properties. */
    @Test
    void theProcesssPropertiesReachTheStaticCalls() throws IOException {
        Path named = RealFiles.copy(Split.TEST, dir.resolve("named"));
        System.setProperty(FashionMnistLocator.PROPERTY, named.toString());

        assertThat(FashionMnistLocator.candidates()).containsExactly(named);
        assertThat(FashionMnistLocator.locate(Split.TEST)).isEqualTo(named);
        assertThat(FashionMnist.load(Split.TEST).size()).isEqualTo(10_000);
        assertThatThrownBy(() -> FashionMnistLocator.locate(Split.TRAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("FashionMNIST was not found in any of [" + named + "]");
        assertThat(FashionMnistLocator.isInstalled()).isFalse();
    }

    private static void delete(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }
}
