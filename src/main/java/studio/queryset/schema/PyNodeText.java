package studio.queryset.schema;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import studio.queryset.pytext.PyNode;

/** Prints a parsed Python expression back as compact source text (for GeneratedField expressions). */
public final class PyNodeText {
    private PyNodeText() {
    }

    public static String print(PyNode n) {
        if (n instanceof PyNode.Name x) {
            return x.id();
        } else if (n instanceof PyNode.Attribute x) {
            return print(x.value()) + "." + x.attr();
        } else if (n instanceof PyNode.Call x) {
            return print(x.func()) + "(" + Stream.concat(x.args().stream().map(PyNodeText::print),
                    x.keywords().stream().map(k -> (k.name() == null ? "**" : k.name() + "=") + print(k.value())))
                    .collect(Collectors.joining(", ")) + ")";
        } else if (n instanceof PyNode.Str x) {
            return x.raw();
        } else if (n instanceof PyNode.Num x) {
            return x.text();
        } else if (n instanceof PyNode.Const x) {
            return x.text();
        } else if (n instanceof PyNode.ListLit x) {
            return "[" + join(x.items()) + "]";
        } else if (n instanceof PyNode.TupleLit x) {
            return "(" + join(x.items()) + (x.items().size() == 1 ? ",)" : ")");
        } else if (n instanceof PyNode.BinOp x) {
            return "(" + print(x.left()) + " " + x.op() + " " + print(x.right()) + ")";
        } else if (n instanceof PyNode.UnaryOp x) {
            return x.op() + print(x.operand());
        } else if (n instanceof PyNode.Subscript x) {
            return print(x.value()) + "[" + print(x.index()) + "]";
        } else if (n instanceof PyNode.Slice x) {
            return (x.lower() == null ? "" : print(x.lower())) + ":" + (x.upper() == null ? "" : print(x.upper()));
        } else if (n instanceof PyNode.Starred x) {
            return "*" + print(x.value());
        }
        return "{...}";
    }

    private static String join(List<PyNode> items) {
        return items.stream().map(PyNodeText::print).collect(Collectors.joining(", "));
    }
}
