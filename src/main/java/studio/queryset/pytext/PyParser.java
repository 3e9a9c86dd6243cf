package studio.queryset.pytext;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for Python expressions with Python's precedence:
 * {@code |} &lt; {@code ^} &lt; {@code &} &lt; {@code + -} &lt; {@code * / // %} &lt; unary &lt; {@code **} &lt;
 * call, attribute, subscript.
 */
public final class PyParser {
    /** CPython's tokenizer limit (MAXLEVEL): deeper text is a SyntaxError, never a StackOverflowError. */
    static final int MAX_NESTING = 200;

    private final List<PyToken> tokens;
    private int p;
    /** Open brackets, calls and unary operators around the current token: each costs recursion. */
    private int depth;

    public PyParser(List<PyToken> tokens, int start) {
        this.tokens = tokens;
        this.p = start;
    }

    /** Parses a whole text that must be one expression. */
    public static PyNode parseExpression(String text) {
        PyParser parser = new PyParser(PyLexer.tokenize(text), 0);
        parser.skipNewlines();
        PyNode node = parser.expression();
        parser.skipNewlines();
        PyToken t = parser.peek();
        if (t.kind() != PyToken.Kind.END) {
            throw parser.error("unexpected '" + t.raw() + "' after the end of the expression", t);
        }
        return node;
    }

    public int position() {
        return p;
    }

    public PyToken peek() {
        return tokens.get(p);
    }

    public PyToken next() {
        return tokens.get(p++);
    }

    private void skipNewlines() {
        while (peek().kind() == PyToken.Kind.NEWLINE) {
            p++;
        }
    }

    public PySyntaxError error(String message, PyToken at) {
        return new PySyntaxError(message, at.pos(), at.line());
    }

    private PyToken expect(String op) {
        PyToken t = peek();
        if (!t.is(op)) {
            throw error("expected '" + op + "' but found " + describe(t), t);
        }
        return next();
    }

    private static String describe(PyToken t) {
        return switch (t.kind()) {
            case END, NEWLINE -> "the end of the text";
            default -> "'" + t.raw() + "'";
        };
    }

    public PyNode expression() {
        return binary(0);
    }

    /** Counts one more nesting level; beyond {@link #MAX_NESTING} the text is rejected at {@code at}. */
    private void enter(PyToken at) {
        if (++depth > MAX_NESTING) {
            throw error("too many nested parentheses", at);
        }
    }

    private void leave() {
        depth--;
    }

    /**
     * Binary operators from {@code minLevel} up, by precedence climbing: one call per operand instead of one per
     * precedence level, so each argument of a call is not walked down five levels. Left-associative, as Python.
     */
    private PyNode binary(int minLevel) {
        PyNode left = unary();
        while (true) {
            PyToken t = peek();
            int level = levelOf(t);
            if (level < minLevel) {
                return left;
            }
            next();
            PyNode right = binary(level + 1);
            left = new PyNode.BinOp(t.text(), left, right, t.pos());
        }
    }

    /** How tightly a binary operator binds: | 0, ^ 1, &amp; 2, + - 3, * / // % @ 4 (Python's order); else -1. */
    private static int levelOf(PyToken t) {
        if (t.kind() != PyToken.Kind.OP) {
            return -1;
        }
        return switch (t.text()) {
            case "|" -> 0;
            case "^" -> 1;
            case "&" -> 2;
            case "+", "-" -> 3;
            case "*", "/", "//", "%", "@" -> 4;
            default -> -1;
        };
    }

    private PyNode unary() {
        PyToken t = peek();
        if (t.kind() == PyToken.Kind.OP && (t.is("-") || t.is("+") || t.is("~"))) {
            next();
            enter(t);
            PyNode operand = unary();
            leave();
            return new PyNode.UnaryOp(t.text(), operand, t.pos());
        }
        return power();
    }

    private PyNode power() {
        PyNode base = postfix(atom());
        if (peek().is("**")) {
            PyToken t = next();
            enter(t);
            PyNode exponent = unary(); // right-associative: 2 ** 2 ** ... recurses
            leave();
            return new PyNode.BinOp("**", base, exponent, t.pos());
        }
        return base;
    }

    private PyNode postfix(PyNode node) {
        while (true) {
            PyToken t = peek();
            if (t.kind() != PyToken.Kind.OP) {
                return node;
            }
            if (t.is(".")) {
                next();
                PyToken name = next();
                if (name.kind() != PyToken.Kind.NAME) {
                    throw error("expected a name after '.' but found " + describe(name), name);
                }
                node = new PyNode.Attribute(node, name.text(), name.pos());
            } else if (t.is("(")) {
                next();
                enter(t);
                node = callArgs(node, t);
                leave();
            } else if (t.is("[")) {
                next();
                enter(t);
                PyNode index = subscriptIndex();
                expect("]");
                leave();
                node = new PyNode.Subscript(node, index, t.pos());
            } else {
                return node;
            }
        }
    }

    private PyNode subscriptIndex() {
        PyToken start = peek();
        PyNode lower = null;
        if (!start.is(":")) {
            lower = expression();
            if (!peek().is(":")) {
                return lower;
            }
        }
        expect(":");
        PyNode upper = peek().is("]") || peek().is(":") ? null : expression();
        PyNode step = null;
        if (peek().is(":")) {
            next();
            step = peek().is("]") ? null : expression();
        }
        return new PyNode.Slice(lower, upper, step, start.pos());
    }

    private PyNode callArgs(PyNode func, PyToken open) {
        List<PyNode> args = new ArrayList<>();
        List<PyNode.Keyword> kwargs = new ArrayList<>();
        while (!peek().is(")")) {
            PyToken t = peek();
            if (t.is("**")) {
                next();
                kwargs.add(new PyNode.Keyword(null, expression(), t.pos()));
            } else if (t.is("*")) {
                next();
                args.add(new PyNode.Starred(expression(), t.pos()));
            } else if (t.kind() == PyToken.Kind.NAME && tokens.get(p + 1).is("=")) {
                for (PyNode.Keyword k : kwargs) {
                    if (t.text().equals(k.name())) {
                        throw error("keyword argument repeated: " + t.text(), t);
                    }
                }
                next();
                next();
                kwargs.add(new PyNode.Keyword(t.text(), expression(), t.pos()));
            } else {
                if (!kwargs.isEmpty()) {
                    throw error("positional argument follows keyword argument", t);
                }
                args.add(expression());
            }
            if (!peek().is(",")) {
                break;
            }
            next();
        }
        PyToken close = peek();
        if (!close.is(")")) {
            throw error("expected ',' or ')' in the arguments of the call opened at offset " + open.pos()
                    + " but found " + describe(close), close);
        }
        next();
        return new PyNode.Call(func, args, kwargs, func.pos());
    }

    private PyNode atom() {
        PyToken t = next();
        switch (t.kind()) {
            case NAME -> {
                if (t.text().equals("True") || t.text().equals("False") || t.text().equals("None")) {
                    return new PyNode.Const(t.text(), t.pos());
                }
                return new PyNode.Name(t.text(), t.pos());
            }
            case NUMBER -> {
                return new PyNode.Num(t.text(), t.pos());
            }
            case STRING -> {
                if (peek().kind() != PyToken.Kind.STRING) {
                    return new PyNode.Str(t.text(), t.raw(), t.pos()); // one literal (the norm): nothing to join
                }
                StringBuilder value = new StringBuilder(t.text());
                StringBuilder raw = new StringBuilder(t.raw());
                while (peek().kind() == PyToken.Kind.STRING) {
                    PyToken more = next();
                    value.append(more.text());
                    raw.append(' ').append(more.raw());
                }
                return new PyNode.Str(value.toString(), raw.toString(), t.pos());
            }
            case OP -> {
                if (t.is("(") || t.is("[") || t.is("{")) {
                    enter(t);
                    PyNode inner = bracketAtom(t);
                    leave();
                    return inner;
                }
                throw error("unexpected '" + t.raw() + "'", t);
            }
            default -> throw error("expected an expression but found " + describe(t), t);
        }
    }

    /** A parenthesised expression, tuple, list or dict opened by {@code t}. */
    private PyNode bracketAtom(PyToken t) {
        if (t.is("(")) {
            if (peek().is(")")) {
                next();
                return new PyNode.TupleLit(List.of(), t.pos());
            }
            PyNode first = expression();
            if (peek().is(")")) {
                next();
                return first;
            }
            List<PyNode> items = new ArrayList<>(List.of(first));
            while (peek().is(",")) {
                next();
                if (peek().is(")")) {
                    break;
                }
                items.add(expression());
            }
            expect(")");
            return new PyNode.TupleLit(items, t.pos());
        }
        if (t.is("[")) {
            List<PyNode> items = new ArrayList<>();
            while (!peek().is("]")) {
                items.add(expression());
                if (!peek().is(",")) {
                    break;
                }
                next();
            }
            expect("]");
            return new PyNode.ListLit(items, t.pos());
        }
        if (t.is("{")) {
            List<PyNode> keys = new ArrayList<>();
            List<PyNode> values = new ArrayList<>();
            while (!peek().is("}")) {
                keys.add(expression());
                expect(":");
                values.add(expression());
                if (!peek().is(",")) {
                    break;
                }
                next();
            }
            expect("}");
            return new PyNode.DictLit(keys, values, t.pos());
        }
        throw error("unexpected '" + t.raw() + "'", t);
    }
}
