package org.dlgrader.model.torchscript;

/** The name of the property that turns the operator check off, for the sandbox's own tests. */
public final class TorchScriptLoaderAccess {

    public static final String SKIP_CHECK_PROPERTY = TorchScriptLoader.SKIP_CHECK_PROPERTY;

    private TorchScriptLoaderAccess() {
    }
}
