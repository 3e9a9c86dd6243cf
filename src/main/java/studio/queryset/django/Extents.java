package studio.queryset.django;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.pytext.PyLexer;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyToken;

/**
 * The text a parsed node covers. Nodes keep one offset (a call's is its name's, an operator's its own), so the
 * extent is found from the tokens: the first token of the leftmost child to the last token of the rightmost,
 * brackets matched.
 */
final class Extents {
    private final List<PyToken> tokens;
    private final Map<Integer, Integer> byPos = new HashMap<>();

    Extents(String text) {
        tokens = PyLexer.tokenize(text);
        for (int i = 0; i < tokens.size(); i++) {
            byPos.putIfAbsent(tokens.get(i).pos(), i);
        }
    }

    Span of(PyNode n) {
        return new Span(start(n), end(n));
    }

    Span of(PyNode.Keyword k) {
        return new Span(k.name() == null ? start(k.value()) : k.pos(), end(k.value()));
    }

    /** The keyword's name. */
    Span name(PyNode.Keyword k) {
        return k.name() == null ? null : new Span(k.pos(), k.pos() + k.name().length());
    }

    /** The characters between a one-token string's quotes, else null. */
    Span content(PyNode n) {
        if (!(n instanceof PyNode.Str s)) {
            return null;
        }
        Integer i = byPos.get(s.pos());
        if (i == null || tokens.get(i).kind() != PyToken.Kind.STRING || i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == PyToken.Kind.STRING) {
            return null;
        }
        String raw = tokens.get(i).raw();
        int q = 0;
        while (q < raw.length() && raw.charAt(q) != '"' && raw.charAt(q) != '\'') {
            q++;
        }
        int quotes = raw.startsWith("\"\"\"", q) || raw.startsWith("'''", q) ? 3 : 1;
        int from = s.pos() + q + quotes;
        int to = s.pos() + raw.length() - quotes;
        return to < from ? null : new Span(from, to);
    }

    private int start(PyNode n) {
        if (n instanceof PyNode.Call c) {
            return start(c.func());
        }
        if (n instanceof PyNode.Attribute a) {
            return start(a.value());
        }
        if (n instanceof PyNode.BinOp b) {
            return start(b.left());
        }
        if (n instanceof PyNode.Subscript s) {
            return start(s.value());
        }
        return n.pos();
    }

    private int end(PyNode n) {
        if (n instanceof PyNode.Call c) {
            return closing(index(end(c.func())));
        }
        if (n instanceof PyNode.Attribute a) {
            return a.pos() + a.attr().length();
        }
        if (n instanceof PyNode.BinOp b) {
            return end(b.right());
        }
        if (n instanceof PyNode.UnaryOp u) {
            return end(u.operand());
        }
        if (n instanceof PyNode.Starred s) {
            return end(s.value());
        }
        if (n instanceof PyNode.Subscript s) {
            return closing(index(end(s.value())));
        }
        Integer i = byPos.get(n.pos());
        if (i == null) {
            return n.pos();
        }
        PyToken t = tokens.get(i);
        if (t.is("(") || t.is("[") || t.is("{")) {
            return closing(i);
        }
        while (t.kind() == PyToken.Kind.STRING && i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == PyToken.Kind.STRING) {
            t = tokens.get(++i);
        }
        return t.pos() + t.raw().length();
    }

    /** The index of the first token at or after {@code pos}. */
    private int index(int pos) {
        int lo = 0;
        int hi = tokens.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).pos() < pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The end of the bracket matching the one at token {@code open}. */
    private int closing(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            PyToken t = tokens.get(i);
            if (t.kind() == PyToken.Kind.OP && (t.is("(") || t.is("[") || t.is("{"))) {
                depth++;
            } else if (t.kind() == PyToken.Kind.OP && (t.is(")") || t.is("]") || t.is("}")) && --depth == 0) {
                return t.pos() + 1;
            }
        }
        return tokens.get(tokens.size() - 1).pos();
    }
}
