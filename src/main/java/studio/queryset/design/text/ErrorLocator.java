package studio.queryset.design.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.queryset.query.LookupPath;
import studio.queryset.schema.pytext.PyNode;
import studio.queryset.schema.pytext.PyParser;

/**
 * Finds where in the Django text an error points. The parser gives an offset; the compiler names the culprit
 * instead ({@code Cannot resolve keyword 'titel' into field}), so the name is looked up among the text's
 * keyword arguments and string arguments ({@code titel=}, {@code "author__titel"}, {@code F("titel")}).
 */
public final class ErrorLocator {
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_][A-Za-z0-9_]*)'");

    private ErrorLocator() {
    }

    public static EditorError locate(String text, String kind, String message, int position) {
        String msg = message == null || message.isBlank() ? kind : message;
        if (position >= 0) {
            int start = Math.min(position, text.length());
            int end = tokenEnd(text, start);
            if (end <= start && !text.isEmpty()) {
                // the end of the text: underline the last character before it
                start = Math.max(0, text.length() - 1);
                end = text.length();
            }
            return new EditorError(kind, msg, position, start, end);
        }
        Matcher m = QUOTED.matcher(msg);
        if (m.find()) {
            String name = m.group(1);
            int at = find(text, name);
            if (at >= 0) {
                return new EditorError(kind, msg, at, at, at + name.length());
            }
        }
        return new EditorError(kind, msg, -1, 0, 0);
    }

    /** The end of the token that starts at {@code start}: a name, a number, a string, or one character. */
    private static int tokenEnd(String text, int start) {
        if (start >= text.length()) {
            return start;
        }
        char c = text.charAt(start);
        if (Character.isJavaIdentifierPart(c)) {
            int i = start;
            while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                i++;
            }
            return i;
        }
        if (c == '"' || c == '\'') {
            int i = start + 1;
            while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(text.length(), i + 1);
        }
        return start + 1;
    }

    /** The offset of {@code name} as a lookup part in a keyword argument or string, or -1. */
    static int find(String text, String name) {
        PyNode root;
        try {
            root = PyParser.parseExpression(text);
        } catch (RuntimeException e) {
            return -1;
        }
        List<Integer> hits = new ArrayList<>();
        walk(root, text, name, hits);
        return hits.stream().min(Integer::compare).orElse(-1);
    }

    private static void walk(PyNode node, String text, String name, List<Integer> hits) {
        if (node == null) {
            return;
        }
        if (node instanceof PyNode.Call c) {
            walk(c.func(), text, name, hits);
            c.args().forEach(a -> walk(a, text, name, hits));
            for (PyNode.Keyword k : c.keywords()) {
                if (k.name() != null) {
                    int part = partOffset(k.name(), name);
                    if (part >= 0) {
                        int at = text.indexOf(k.name(), k.pos());
                        hits.add((at >= 0 ? at : k.pos()) + part);
                    }
                }
                walk(k.value(), text, name, hits);
            }
        } else if (node instanceof PyNode.Str s) {
            int part = partOffset(s.value().startsWith("-") ? s.value().substring(1) : s.value(), name);
            if (part >= 0) {
                int at = text.indexOf(s.value(), s.pos());
                if (at >= 0) {
                    hits.add(at + (s.value().startsWith("-") ? 1 : 0) + part);
                }
            }
        } else if (node instanceof PyNode.Attribute a) {
            walk(a.value(), text, name, hits);
        } else if (node instanceof PyNode.BinOp b) {
            walk(b.left(), text, name, hits);
            walk(b.right(), text, name, hits);
        } else if (node instanceof PyNode.UnaryOp u) {
            walk(u.operand(), text, name, hits);
        } else if (node instanceof PyNode.Subscript s) {
            walk(s.value(), text, name, hits);
            walk(s.index(), text, name, hits);
        } else if (node instanceof PyNode.ListLit l) {
            l.items().forEach(i -> walk(i, text, name, hits));
        } else if (node instanceof PyNode.TupleLit t) {
            t.items().forEach(i -> walk(i, text, name, hits));
        } else if (node instanceof PyNode.DictLit d) {
            d.keys().forEach(i -> walk(i, text, name, hits));
            d.values().forEach(i -> walk(i, text, name, hits));
        } else if (node instanceof PyNode.Starred s) {
            walk(s.value(), text, name, hits);
        }
    }

    /** Where {@code name} is one of the {@code __}-separated parts of {@code lookup}, or -1. */
    private static int partOffset(String lookup, String name) {
        int offset = 0;
        for (String part : LookupPath.split(lookup)) {
            if (part.equals(name)) {
                return offset;
            }
            offset += part.length() + 2;
        }
        return -1;
    }
}
