package studio.queryset.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyParser;
import studio.queryset.pytext.PySyntaxError;
import studio.queryset.pytext.PyToken;

/**
 * Reads a statement value that is valid Python the expression parser does not model (lambda, conditional and
 * boolean expressions, comparisons, comprehensions, set literals, unpacking): a call keeps its readable arguments
 * and gets {@link #UNREADABLE} for the others; any other value becomes {@link #UNREADABLE} as a whole. Text with
 * none of those constructs is left to the strict parser, so broken syntax stays an error.
 */
final class TolerantValue {
    /** Stands for an argument that could not be read; never a valid Python identifier. */
    static final String UNREADABLE = "\u2026";

    private static final Set<String> KEYWORDS = Set.of("lambda", "if", "else", "for", "in", "not", "and", "or", "is",
            "await", "yield");
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", ":=");

    private TolerantValue() {
    }

    /** Whether the tokens hold a construct the strict parser does not model. */
    static boolean hasUnmodelled(List<PyToken> tokens) {
        int depth = 0;
        PyToken prev = null;
        // per open bracket: '{' still without a ':' at its own level (a set literal when it closes non-empty)
        java.util.ArrayDeque<Boolean> braces = new java.util.ArrayDeque<>();
        for (PyToken t : tokens) {
            if (t.is("{") || t.is("(") || t.is("[")) {
                braces.push(t.is("{"));
            } else if (t.is(":") && !braces.isEmpty()) {
                braces.pop();
                braces.push(false);
            } else if ((t.is("}") || t.is(")") || t.is("]")) && !braces.isEmpty()) {
                boolean set = braces.pop();
                if (t.is("}") && set && prev != null && !prev.is("{")) {
                    return true; // {"a"}: a set of one
                }
            }
            if (t.kind() == PyToken.Kind.NAME && KEYWORDS.contains(t.text())
                    || t.kind() == PyToken.Kind.OP && OPERATORS.contains(t.text())) {
                return true;
            }
            if (t.is("{") || t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is("}") || t.is(")") || t.is("]")) {
                depth--;
            }
            // *x inside a list or tuple, {a, b} set literals
            if ((t.is("*") || t.is("**")) && prev != null && (prev.is("[") || prev.is(",") || prev.is("{"))) {
                return true;
            }
            if (t.is(",") && depth > 0 && prev != null && (isInSet(tokens, t) || inSubscript(tokens, t))) {
                return true; // {a, b} or Dict[str, int]
            }
            prev = t;
        }
        return false;
    }

    /** A comma directly inside {@code x[...]} (a tuple subscript such as a generic type). */
    private static boolean inSubscript(List<PyToken> tokens, PyToken comma) {
        int depth = 0;
        for (int k = tokens.indexOf(comma) - 1; k >= 0; k--) {
            PyToken t = tokens.get(k);
            if (t.is(")") || t.is("]") || t.is("}")) {
                depth++;
            } else if (t.is("(") || t.is("{") || t.is("[")) {
                if (depth == 0) {
                    PyToken before = k > 0 ? tokens.get(k - 1) : null;
                    return t.is("[") && before != null && (before.kind() == PyToken.Kind.NAME || before.is("]")
                            || before.is(")"));
                }
                depth--;
            }
        }
        return false;
    }

    /** A comma directly inside braces with no ':' before it at that level: a set literal. */
    private static boolean isInSet(List<PyToken> tokens, PyToken comma) {
        int idx = tokens.indexOf(comma);
        int depth = 0;
        for (int k = idx - 1; k >= 0; k--) {
            PyToken t = tokens.get(k);
            if (t.is(")") || t.is("]") || t.is("}")) {
                depth++;
            } else if (t.is("(") || t.is("[")) {
                if (depth == 0) {
                    return false;
                }
                depth--;
            } else if (t.is("{")) {
                if (depth == 0) {
                    return true;
                }
                depth--;
            } else if (t.is(":") && depth == 0) {
                return false;
            }
        }
        return false;
    }

    /** The value of {@code tokens} (ending in an END token), unreadable parts replaced. */
    static PyNode read(List<PyToken> tokens) {
        int open = callOpen(tokens);
        if (open < 0) {
            return new PyNode.Name(UNREADABLE, tokens.get(0).pos());
        }
        PyNode func = strict(tokens.subList(0, open), tokens.get(open));
        List<PyNode> args = new ArrayList<>();
        List<PyNode.Keyword> keywords = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        int close = tokens.size() - 2; // the ')' before END
        for (int k = open + 1; k <= close; k++) {
            PyToken t = tokens.get(k);
            boolean atEnd = k == close;
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if ((t.is(")") || t.is("]") || t.is("}")) && !atEnd) {
                depth--;
            }
            if ((depth == 0 && t.is(",")) || atEnd) {
                if (k > start) {
                    argument(tokens.subList(start, k), args, keywords);
                }
                start = k + 1;
            }
        }
        return new PyNode.Call(func, args, keywords, func.pos());
    }

    private static void argument(List<PyToken> arg, List<PyNode> args, List<PyNode.Keyword> keywords) {
        if (arg.size() > 2 && arg.get(0).kind() == PyToken.Kind.NAME && arg.get(1).is("=")) {
            keywords.add(new PyNode.Keyword(arg.get(0).text(), value(arg.subList(2, arg.size())), arg.get(0).pos()));
        } else if (arg.get(0).is("**")) {
            keywords.add(new PyNode.Keyword(null, value(arg.subList(1, arg.size())), arg.get(0).pos()));
        } else {
            args.add(value(arg));
        }
    }

    private static PyNode value(List<PyToken> part) {
        PyToken last = part.get(part.size() - 1);
        try {
            return strict(part, new PyToken(PyToken.Kind.END, "", "", last.pos() + last.raw().length(), last.line()));
        } catch (PySyntaxError e) {
            return new PyNode.Name(UNREADABLE, part.get(0).pos());
        }
    }

    private static PyNode strict(List<PyToken> part, PyToken end) {
        List<PyToken> tokens = new ArrayList<>(part);
        tokens.add(new PyToken(PyToken.Kind.END, "", "", end.pos(), end.line()));
        PyParser parser = new PyParser(tokens, 0);
        PyNode node = parser.expression();
        if (parser.peek().kind() != PyToken.Kind.END) {
            throw parser.error("unexpected '" + parser.peek().raw() + "'", parser.peek());
        }
        return node;
    }

    /** The index of the '(' of {@code a.b.c(...)} spanning the whole value, or -1. */
    private static int callOpen(List<PyToken> tokens) {
        int k = 0;
        if (tokens.get(k).kind() != PyToken.Kind.NAME) {
            return -1;
        }
        k++;
        while (k + 1 < tokens.size() && tokens.get(k).is(".") && tokens.get(k + 1).kind() == PyToken.Kind.NAME) {
            k += 2;
        }
        if (k >= tokens.size() || !tokens.get(k).is("(") || tokens.size() < k + 3
                || !tokens.get(tokens.size() - 2).is(")")) {
            return -1;
        }
        int depth = 0;
        for (int j = k; j < tokens.size() - 1; j++) {
            if (tokens.get(j).is("(") || tokens.get(j).is("[") || tokens.get(j).is("{")) {
                depth++;
            } else if (tokens.get(j).is(")") || tokens.get(j).is("]") || tokens.get(j).is("}")) {
                depth--;
                if (depth == 0 && j != tokens.size() - 2) {
                    return -1; // f(x)(y) or f(x).y: not one call
                }
            }
        }
        return k;
    }

    /** Whether a node stands for Python the importer read around ({@link #UNREADABLE}). */
    static boolean isUnreadable(PyNode n) {
        return n instanceof PyNode.Name name && name.id().equals(UNREADABLE);
    }
}
