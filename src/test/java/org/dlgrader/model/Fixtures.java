package org.dlgrader.model;

import java.nio.file.Path;

/** Files made by python/make_fixtures.py with real PyTorch and h5py. */
public final class Fixtures {

    public static final Path DIR = Path.of("src", "test", "resources", "fixtures");
    public static final Path REAL_WORLD = Path.of("..", "shared", "fixtures", "real-world");

    private Fixtures() {
    }

    public static Path file(String name) {
        return DIR.resolve(name);
    }
}
