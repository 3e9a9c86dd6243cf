package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * A Java expression as a tree of calls, laid out when it is written: on one line when it fits the width, else
 * one argument a line two levels deeper (and a call chain one call a line), so generated builder code stays
 * readable however deep the query nests.
 */
sealed interface JavaExpr {
    /** Text that is never broken (a literal, a name). */
    record Atom(String text) implements JavaExpr {
    }

    /** {@code head(arg, arg...)}. */
    record Call(String head, List<JavaExpr> args) implements JavaExpr {
    }

    /** {@code start.call(...).call(...)}. */
    record Chain(JavaExpr start, List<Call> calls) implements JavaExpr {
    }

    static Atom atom(String text) {
        return new Atom(text);
    }

    static Call call(String head, List<JavaExpr> args) {
        return new Call(head, List.copyOf(args));
    }

    static Call call(String head, JavaExpr... args) {
        return new Call(head, List.of(args));
    }

    /** On one line. */
    default String flat() {
        if (this instanceof Atom a) {
            return a.text();
        }
        if (this instanceof Call c) {
            List<String> parts = new ArrayList<>();
            c.args().forEach(x -> parts.add(x.flat()));
            return c.head() + "(" + String.join(", ", parts) + ")";
        }
        Chain ch = (Chain) this;
        StringBuilder sb = new StringBuilder(ch.start().flat());
        ch.calls().forEach(c -> sb.append('.').append(c.flat()));
        return sb.toString();
    }

    /**
     * The lines of this expression starting at column {@code indent} (the first line's indentation is the
     * caller's), each continuation line indented; {@code tail} (";" or ",") ends the last line.
     */
    default List<String> lines(int indent, String tail) {
        String one = flat() + tail;
        if (indent + one.length() <= JavaText.WIDTH || this instanceof Atom) {
            List<String> out = new ArrayList<>();
            out.add(one);
            return out;
        }
        return broken(indent, tail);
    }

    /** The lines with this call (or chain) broken at the top whether or not it would fit. */
    default List<String> broken(int indent, String tail) {
        List<String> out = new ArrayList<>();
        if (this instanceof Atom a) {
            out.add(a.text() + tail);
            return out;
        }
        String pad = " ".repeat(indent + 8);
        if (this instanceof Call c) {
            out.add(c.head() + "(");
            for (int i = 0; i < c.args().size(); i++) {
                List<String> arg = c.args().get(i).lines(indent + 8, i == c.args().size() - 1 ? ")" + tail : ",");
                out.add(pad + arg.get(0));
                out.addAll(arg.subList(1, arg.size()));
            }
            return out;
        }
        Chain ch = (Chain) this;
        List<String> start = ch.start().lines(indent, "");
        out.addAll(start);
        for (int i = 0; i < ch.calls().size(); i++) {
            List<String> call = ch.calls().get(i).lines(indent + 8, i == ch.calls().size() - 1 ? tail : "");
            out.add(pad + "." + call.get(0));
            out.addAll(call.subList(1, call.size()));
        }
        return out;
    }
}
