package studio.queryset.pytext;

import java.util.List;

/** A Python expression, as far as models.py and QuerySet text need one. {@code pos} is a source offset. */
public sealed interface PyNode {
    int pos();

    record Name(String id, int pos) implements PyNode { }

    record Attribute(PyNode value, String attr, int pos) implements PyNode { }

    record Call(PyNode func, List<PyNode> args, List<Keyword> keywords, int pos) implements PyNode {
        /** The dotted name being called ({@code models.CharField}), or null if it is not a plain name. */
        public String funcName() {
            return dotted(func);
        }

        public PyNode keyword(String name) {
            for (Keyword k : keywords) {
                if (name.equals(k.name())) {
                    return k.value();
                }
            }
            return null;
        }
    }

    /** {@code name=value}; {@code name} is null for {@code **kwargs} unpacking. */
    record Keyword(String name, PyNode value, int pos) { }

    record Str(String value, String raw, int pos) implements PyNode { }

    record Num(String text, int pos) implements PyNode {
        public boolean isInteger() {
            return !text.contains(".") && !text.contains("e") && !text.contains("E");
        }
    }

    /** True, False or None. */
    record Const(String text, int pos) implements PyNode { }

    record ListLit(List<PyNode> items, int pos) implements PyNode { }

    record TupleLit(List<PyNode> items, int pos) implements PyNode { }

    record DictLit(List<PyNode> keys, List<PyNode> values, int pos) implements PyNode { }

    record BinOp(String op, PyNode left, PyNode right, int pos) implements PyNode { }

    record UnaryOp(String op, PyNode operand, int pos) implements PyNode { }

    record Subscript(PyNode value, PyNode index, int pos) implements PyNode { }

    /** {@code a:b:c} inside brackets; absent parts are null. */
    record Slice(PyNode lower, PyNode upper, PyNode step, int pos) implements PyNode { }

    /** {@code *args} in a call. */
    record Starred(PyNode value, int pos) implements PyNode { }

    static String dotted(PyNode n) {
        if (n instanceof Name nm) {
            return nm.id();
        }
        if (n instanceof Attribute a) {
            String left = dotted(a.value());
            return left == null ? null : left + "." + a.attr();
        }
        return null;
    }
}
