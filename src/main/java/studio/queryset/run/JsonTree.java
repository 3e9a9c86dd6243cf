package studio.queryset.run;

import java.util.List;

/**
 * Draws a JSON document (MariaDB's {@code EXPLAIN FORMAT=JSON}) as an indented tree: one line per key with a
 * scalar value ({@code key: value}), a heading line per object or array ({@code key}) with its members below.
 * A small reader of its own: the plan is produced by the server and is well-formed JSON.
 */
final class JsonTree {
    private final String s;
    private int i;

    private JsonTree(String s) {
        this.s = s;
    }

    static void draw(String json, List<String> out) {
        JsonTree t = new JsonTree(json);
        t.skip();
        t.value("", "", out);
    }

    private void value(String label, String indent, List<String> out) {
        skip();
        char c = s.charAt(i);
        if (c == '{') {
            i++;
            if (!label.isEmpty()) {
                out.add(indent + label);
            }
            String inner = label.isEmpty() ? indent : indent + "  ";
            while (true) {
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return;
                }
                String key = string();
                skip();
                i++; // ':'
                value(key, inner, out);
                skip();
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
        } else if (c == '[') {
            i++;
            out.add(indent + label);
            int n = 0;
            while (true) {
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return;
                }
                value("[" + n++ + "]", indent + "  ", out);
                skip();
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
        } else {
            String scalar = c == '"' ? string() : bare();
            out.add(indent + (label.isEmpty() ? scalar : label + ": " + scalar));
        }
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        i++; // opening quote
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        i++; // closing quote
        return sb.toString();
    }

    private String bare() {
        int start = i;
        while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return s.substring(start, i);
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }
}
