package org.dlgrader.model.torchscript;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dlgrader.model.ModelRejected;

/**
 * Reads the code a TorchScript archive carries ({@code <archive>/code/**.py}, which libtorch
 * compiles when it loads the file) and refuses it unless every operator it names is tensor maths.
 * A TorchScript file is a program: {@code torch.from_file}, {@code torch.save}, {@code print},
 * {@code fork} and their kind read files, write files, speak on the worker's output and leave
 * work running after {@code forward} has returned. This is an allow-list, not a deny-list: an
 * operator this class does not know is refused by name, so a new libtorch operator never slips
 * through. It is the first of three walls; the sandbox and the worker's idle check are the others.
 */
public final class TorchScriptCode {

    /** The serialized code of the lesson's models is a few KB; a real ResNet's is under 1 MB. */
    static final long MAX_CODE_BYTES = 4L << 20;

    /** {@code torch.<name>}: pure functions of tensors, numbers, lists and strings. */
    static final Set<String> TORCH_OPERATORS = Set.of(
            // arithmetic and element-wise maths
            "add", "add_", "sub", "sub_", "mul", "mul_", "div", "div_", "true_divide", "floor_divide", "floordiv",
            "remainder", "fmod", "neg", "abs", "pow", "sqrt", "rsqrt", "square", "exp", "expm1", "log", "log1p", "log2",
            "log10", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "erf", "erfc", "reciprocal",
            "sign", "floor", "ceil", "round", "trunc", "frac", "clamp", "clamp_", "clamp_min", "clamp_min_", "clamp_max",
            "clamp_max_", "clip", "maximum", "minimum", "lerp", "where", "addcmul", "addcdiv", "hypot",
            // activations
            "relu", "relu_", "relu6", "sigmoid", "sigmoid_", "tanh", "tanh_", "hardtanh", "hardtanh_", "hardsigmoid",
            "hardsigmoid_", "hardswish", "hardswish_", "leaky_relu", "leaky_relu_", "elu", "elu_", "selu", "selu_", "celu",
            "celu_", "gelu", "silu", "silu_", "mish", "mish_", "softplus", "softsign", "prelu", "rrelu", "threshold",
            "threshold_", "glu", "logsigmoid", "softmax", "log_softmax", "_softmax", "_log_softmax", "softmin",
            // linear algebra
            "linear", "matmul", "mm", "bmm", "addmm", "addmv", "baddbmm", "mv", "dot", "t", "transpose", "permute", "einsum",
            "outer", "norm", "frobenius_norm", "dist",
            // layers
            "conv1d", "conv2d", "conv3d", "_convolution", "convolution", "conv_transpose1d", "conv_transpose2d",
            "conv_transpose3d", "max_pool1d", "max_pool2d", "max_pool3d", "max_pool1d_with_indices",
            "max_pool2d_with_indices", "avg_pool1d", "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d",
            "adaptive_avg_pool2d", "adaptive_avg_pool3d", "adaptive_max_pool1d", "adaptive_max_pool2d",
            "adaptive_max_pool3d", "batch_norm", "layer_norm", "group_norm", "instance_norm", "local_response_norm",
            "dropout", "dropout_", "feature_dropout", "feature_dropout_", "alpha_dropout", "alpha_dropout_",
            "feature_alpha_dropout", "embedding", "embedding_bag", "lstm", "gru", "rnn_tanh", "rnn_relu", "lstm_cell",
            "gru_cell", "rnn_tanh_cell", "rnn_relu_cell", "pad", "constant_pad_nd", "reflection_pad1d", "reflection_pad2d",
            "replication_pad1d", "replication_pad2d", "pixel_shuffle", "upsample_nearest1d", "upsample_nearest2d",
            "upsample_nearest3d", "upsample_linear1d", "upsample_bilinear2d", "upsample_bicubic2d", "upsample_trilinear3d",
            "_upsample_nearest_exact1d", "_upsample_nearest_exact2d", "_upsample_nearest_exact3d",
            "_upsample_bilinear2d_aa", "_upsample_bicubic2d_aa", "grid_sampler", "affine_grid_generator",
            "scaled_dot_product_attention", "_native_multi_head_attention", "_transformer_encoder_layer_fwd",
            "cosine_similarity", "pairwise_distance", "one_hot",
            // reductions and comparisons
            "sum", "mean", "max", "min", "amax", "amin", "argmax", "argmin", "prod", "std", "var", "logsumexp", "all",
            "any", "cumsum", "cumprod", "topk", "sort", "argsort", "eq", "ne", "lt", "le", "gt", "ge", "isnan", "isinf",
            "isfinite", "logical_and", "logical_or", "logical_not", "logical_xor", "bitwise_not", "equal", "allclose",
            // shapes and new tensors
            "flatten", "unflatten", "reshape", "view", "view_as", "reshape_as", "contiguous", "squeeze", "unsqueeze",
            "expand", "expand_as", "repeat", "repeat_interleave", "tile", "cat", "concat", "stack", "hstack", "vstack",
            "chunk", "split", "split_with_sizes", "unbind", "narrow", "select", "slice", "index_select", "gather",
            "index", "masked_fill", "masked_fill_", "masked_select", "flip", "roll", "tril", "triu", "diag", "size",
            "dim", "numel", "to", "type_as", "detach", "clone", "copy_", "zero_", "fill_", "zeros", "ones", "zeros_like",
            "ones_like", "full", "full_like", "empty", "empty_like", "arange", "linspace", "eye", "tensor",
            "scalar_tensor", "as_tensor", "is_floating_point", "is_grad_enabled", "requires_grad_", "float", "int",
            "long", "double", "half", "bool", "item", "tolist", "numpy_T",
            // lists, strings, numbers and control that TorchScript itself emits
            "append", "extend", "insert", "pop", "len", "list", "__contains__", "__is__", "__isnot__", "__not__",
            "__and__", "__or__", "__xor__", "__range_length", "__derive_index", "__getitem__", "_set_item", "__round_to_zero_floordiv",
            "format", "find", "join", "lower", "upper", "startswith", "endswith", "strip", "split_str", "replace",
            "str", "warn", "_assert", "dict", "keys", "values", "items", "sorted", "copy", "device", "dtype");

    /** {@code ops.prim.<name>}: the interpreter's own bookkeeping. */
    static final Set<String> PRIM_OPERATORS = Set.of("RaiseException", "NumToTensor", "device", "dtype", "shape",
            "is_cuda", "is_nested", "is_mps", "requires_grad", "unchecked_unwrap_optional", "min", "max", "abs", "layout",
            "data", "TupleUnpack", "ListUnpack", "Uninitialized");

    /**
     * Names TorchScript calls without a prefix that reach outside a model's maths: printing, tasks
     * that outlive forward, remote calls.
     */
    static final Set<String> FORBIDDEN_BUILTINS = Set.of("print", "fork", "wait", "_fork", "_wait", "rpc_async",
            "rpc_sync", "rpc_remote", "awaitable", "awaitable_wait", "awaitable_nowait", "_awaitable", "_awaitable_wait",
            "_awaitable_nowait", "open", "exec", "eval", "compile", "__import__", "input", "exit", "quit", "globals",
            "locals", "vars", "setattr", "delattr");

    private TorchScriptCode() {
    }

    /**
     * Checks every code file of the archive; the message names the file the student handed in and
     * the first operators refused.
     */
    public static void check(ZipFile zip, String fileName) throws ModelRejected {
        List<String> sources = new ArrayList<>();
        long total = 0;
        try {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".py") || !name.contains("code/")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes((int) (MAX_CODE_BYTES - total + 1));
                    total += bytes.length;
                    if (total > MAX_CODE_BYTES) {
                        throw new ModelRejected(tr("model.torchScriptCode.tooMuch", fileName, MAX_CODE_BYTES >> 20));
                    }
                    sources.add(utf8(bytes, fileName, name));
                }
            }
        } catch (IOException e) {
            throw new ModelRejected(tr("model.torchScriptCode.unreadable", fileName, e.getMessage()), e);
        }
        if (sources.isEmpty()) {
            throw new ModelRejected(tr("model.torchScriptCode.none", fileName));
        }
        Set<String> refused = refusedOperators(sources);
        if (!refused.isEmpty()) {
            List<String> named = refused.stream().limit(5).toList();
            String list = String.join(", ", named);
            if (refused.size() > named.size()) {
                list = tr("model.torchScriptCode.andMore", list, refused.size() - named.size());
            }
            throw new ModelRejected(tr("model.torchScriptCode.refused", fileName, list));
        }
    }

    private static String utf8(byte[] bytes, String fileName, String entry) throws ModelRejected {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelRejected(tr("model.torchScriptCode.notText", fileName, entry));
        }
    }

    /** The operators named in {@code sources} that are not allowed, in the order first seen. */
    static Set<String> refusedOperators(List<String> sources) {
        List<List<Token>> files = sources.stream().map(TorchScriptCode::tokens).toList();
        Set<String> defined = new HashSet<>();
        for (List<Token> tokens : files) {
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).is("def") || tokens.get(i).is("class")) {
                    defined.add(tokens.get(i + 1).text());
                }
            }
        }
        Set<String> refused = new LinkedHashSet<>();
        for (List<Token> tokens : files) {
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.kind() != Kind.NAME) {
                    continue;
                }
                boolean afterDot = i > 0 && tokens.get(i - 1).is(".");
                if (afterDot) {
                    // An attribute or method of a value: x.forward(...), (self.conv).forward(...).
                    boolean called = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
                    boolean chainStart = i < 2 || tokens.get(i - 2).kind() != Kind.NAME;
                    if (called && chainStart && !defined.contains(token.text()) && !TORCH_OPERATORS.contains(token.text())) {
                        refused.add("." + token.text() + "()");
                    }
                    continue;
                }
                int end = i;
                StringBuilder chain = new StringBuilder(token.text());
                while (end + 2 < tokens.size() && tokens.get(end + 1).is(".") && tokens.get(end + 2).kind() == Kind.NAME) {
                    end += 2;
                    chain.append('.').append(tokens.get(end).text());
                }
                boolean called = end + 1 < tokens.size() && tokens.get(end + 1).is("(");
                String problem = judge(chain.toString(), called, defined);
                if (problem != null) {
                    refused.add(problem);
                }
                i = end;
            }
        }
        return refused;
    }

    /** Null when the dotted name may appear in a model's code, else how to name it to the student. */
    private static String judge(String chain, boolean called, Set<String> defined) {
        String[] parts = chain.split("\\.");
        switch (parts[0]) {
            case "torch" -> {
                if (parts.length == 2 && (TORCH_OPERATORS.contains(parts[1]) || TORCH_TYPES.contains(parts[1]))) {
                    return null;
                }
                return chain;
            }
            case "ops" -> {
                if (parts.length == 3 && parts[1].equals("prim") && PRIM_OPERATORS.contains(parts[2])) {
                    return null;
                }
                if (parts.length == 3 && parts[1].equals("aten") && TORCH_OPERATORS.contains(parts[2])) {
                    return null;
                }
                return chain;
            }
            case "__torch__" -> {
                // Code and classes defined in the archive itself, checked on their own; never the
                // engine's registered C++ classes, which can do anything.
                return parts.length > 2 && parts[1].equals("torch") && parts[2].equals("classes") ? chain : null;
            }
            default -> {
                // Called, not merely named: "input" is also what traced code calls its variables. An
                // unqualified call is always the builtin: the archive's own functions are called by
                // their qualified __torch__ names.
                if (parts.length == 1 && called && FORBIDDEN_BUILTINS.contains(parts[0])) {
                    return parts[0];
                }
                // self.fc.forward(x), x.view(n, -1): a method of a value must be the archive's own or tensor maths.
                String method = parts[parts.length - 1];
                if (called && parts.length > 1 && !defined.contains(method) && !TORCH_OPERATORS.contains(method)) {
                    return "." + method + "()";
                }
                return null;
            }
        }
    }

    /** {@code torch.<name>} that are types in annotations, not calls. */
    static final Set<String> TORCH_TYPES = Set.of("Tensor", "device", "dtype", "Size", "Generator", "memory_format", "layout");

    enum Kind { NAME, PUNCT, STRING, NUMBER }

    record Token(Kind kind, String text) {
        boolean is(String value) {
            return text.equals(value) && kind != Kind.STRING;
        }
    }

    /**
     * Python's tokens as far as the check needs them: names, punctuation, and strings and comments
     * skipped whole, so that a name inside a string never counts and a call never hides in one.
     * Whitespace, newlines and line continuations are dropped, so {@code torch . from_file} is still one name.
     */
    static List<Token> tokens(String source) {
        List<Token> tokens = new ArrayList<>();
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '#') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c) || c == '\\') {
                i++;
            } else if (isStringStart(source, i)) {
                i = skipString(source, i);
                tokens.add(new Token(Kind.STRING, ""));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, source.substring(start, i)));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '.' || source.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, source.substring(start, i)));
            } else {
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** A quote, or a string prefix (r, b, u, f and pairs of them) directly before one. */
    private static boolean isStringStart(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 2 && "rRbBuUfF".indexOf(s.charAt(j)) >= 0) {
            j++;
        }
        if (j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            // A prefix only counts at the start of a word: "xr'" is a name followed by a string.
            return j == i || i == 0 || !(Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_');
        }
        return false;
    }

    private static int skipString(String s, int i) {
        while ("rRbBuUfF".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        char quote = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(quote).repeat(3), i);
        String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        i += end.length();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (s.startsWith(end, i)) {
                return i + end.length();
            } else if (!triple && c == '\n') {
                return i;
            } else {
                i++;
            }
        }
        return i;
    }
}
