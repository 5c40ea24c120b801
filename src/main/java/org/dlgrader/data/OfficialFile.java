package org.dlgrader.data;

import java.util.List;

/**
 * The four official FashionMNIST files as Zalando Research publishes them, with what a download
 * is checked against before it is used.
 *
 * <p>Where the checksums come from. The README of zalandoresearch/fashion-mnist ("Get the Data")
 * lists an MD5 per file (train-images 8d4fb7e6c68d591d4c3dfef9ec88bf0d, train-labels
 * 25c81989df183df01b3e8a0aad5dffbe, t10k-images bef4ecab320f06d8554ea6380940ec79, t10k-labels
 * bb300cfdad3c16e7a12a480ee83cd310; torchvision's {@code datasets/mnist.py} FashionMNIST resources
 * list the same). Debian's {@code dataset-fashion-mnist} (0.0~git20200523.55506a9-1) does not match
 * them byte for byte: its build normalised each gzip header (the file name dropped, the time set to
 * the package's date, 2020-06-05), and each of its files is shorter by the name's length plus one.
 * The compressed data is untouched: putting the original header back (FNAME, mtime 2017-08-31
 * 10:50:06 UTC for the training files and 10:50:27 for the test files, XFL 0, OS 3) rebuilds files
 * whose MD5 is exactly the README's, and the SHA-256 of those rebuilt files are the values below
 * (the test {@code OfficialFilesTest} does this rebuild from the installed package and checks both
 * sums). keras-team/keras pins the same SHA-256 for its mirror in
 * {@code keras/src/datasets/fashion_mnist.py} (FILE_HASHES), so both download locations serve these
 * exact bytes.
 */
enum OfficialFile {
    TRAIN_IMAGES("train-images-idx3-ubyte.gz", 26_421_880L,
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
    TRAIN_LABELS("train-labels-idx1-ubyte.gz", 29_515L,
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
    TEST_IMAGES("t10k-images-idx3-ubyte.gz", 4_422_102L,
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
    TEST_LABELS("t10k-labels-idx1-ubyte.gz", 5_148L,
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5");

    final String fileName;
    /** Bytes of the official .gz file, as served. */
    final long size;
    /** SHA-256 of the official .gz file, lower-case hex. */
    final String sha256;

    OfficialFile(String fileName, long size, String sha256) {
        this.fileName = fileName;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The two files of {@code split}: images, then labels. */
    static List<OfficialFile> of(FashionMnist.Split split) {
        return split == FashionMnist.Split.TRAIN ? List.of(TRAIN_IMAGES, TRAIN_LABELS) : List.of(TEST_IMAGES, TEST_LABELS);
    }

    /** The name torchvision leaves beside the .gz once it has unpacked it. */
    String unpackedName() {
        return fileName.substring(0, fileName.length() - ".gz".length());
    }
}
