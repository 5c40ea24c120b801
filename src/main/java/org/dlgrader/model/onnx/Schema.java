package org.dlgrader.model.onnx;

/**
 * Where tensors and operators can sit in an ONNX file (onnx.proto): which field of which message
 * holds which kind of message. A file's every tensor and node is reached through these, also those
 * inside the subgraphs of If and Loop, a node's attributes, local functions and training graphs.
 */
enum Schema {
    MODEL, GRAPH, NODE, ATTRIBUTE, TENSOR, SPARSE_TENSOR, FUNCTION, TRAINING_INFO;

    /** Deeper nesting than any exported network has; a file that nests further is refused unread. */
    static final int MAX_DEPTH = 64;
    /**
     * Dimensions of one tensor or value at most: networks use five (Conv3D's weight), and a packed
     * list of a million one-byte dimensions would otherwise become a million numbers held in the
     * grading process for every megabyte of file.
     */
    static final int MAX_RANK = 32;

    /** ModelProto's fields. */
    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET_IMPORT = 8;
    static final int MODEL_FUNCTIONS = 25;
    /** GraphProto's fields. */
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    /** NodeProto's and FunctionProto's domain. */
    static final int NODE_OP_TYPE = 4;
    static final int NODE_DOMAIN = 7;
    static final int FUNCTION_DOMAIN = 10;
    static final int FUNCTION_OPSET_IMPORT = 9;
    /** TensorProto's fields. */
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_EXTERNAL_DATA = 13;
    static final int TENSOR_DATA_LOCATION = 14;
    static final int DATA_LOCATION_EXTERNAL = 1;

    /** The kind of message field {@code number} of this message holds, or null for a scalar or a kind not walked. */
    Schema child(int number) {
        return switch (this) {
            case MODEL -> number == MODEL_GRAPH ? GRAPH : number == MODEL_FUNCTIONS ? FUNCTION : number == 20 ? TRAINING_INFO : null;
            case GRAPH -> number == GRAPH_NODE ? NODE : number == GRAPH_INITIALIZER ? TENSOR : number == 15 ? SPARSE_TENSOR : null;
            case NODE -> number == 5 ? ATTRIBUTE : null;
            case ATTRIBUTE -> switch (number) {
                case 5, 10 -> TENSOR;
                case 6, 11 -> GRAPH;
                case 22, 23 -> SPARSE_TENSOR;
                default -> null;
            };
            case SPARSE_TENSOR -> number == 1 || number == 2 ? TENSOR : null;
            case FUNCTION -> number == 7 ? NODE : null;
            case TRAINING_INFO -> number == 1 || number == 2 ? GRAPH : null;
            case TENSOR -> null;
        };
    }
}
