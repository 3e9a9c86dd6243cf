package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;

/** Java source text: string literals, and text safe inside a Javadoc comment. */
final class JavaText {
    /** Longest line the generated code aims for. */
    static final int WIDTH = 120;

    private JavaText() {
    }

    /** A Java string literal. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Lines of code for a Javadoc {@code <pre>} block: as {@code {@code ...}} when the text allows it, else
     * HTML-escaped (a backslash could start a Unicode escape, {@code *}{@code /} would end the comment).
     */
    static List<String> preBlock(List<String> codeLines) {
        String all = String.join("\n", codeLines);
        List<String> out = new ArrayList<>();
        if (!all.contains("*/") && !all.contains("\\") && balancedBraces(all) && !all.contains("\n@")
                && !all.startsWith("@")) {
            out.add("<pre>{@code");
            out.addAll(codeLines);
            out.add("}</pre>");
            return out;
        }
        out.add("<pre>");
        for (String line : codeLines) {
            out.add(html(line));
        }
        out.add("</pre>");
        return out;
    }

    /** Text for Javadoc prose: HTML-escaped, and never a comment end or a Unicode escape. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("*/", "*&#47;").replace("\\", "&#92;").replace("{", "&#123;").replace("}", "&#125;");
    }

    /** Prose cut into lines of at most {@code width} at spaces (a longer word keeps its own line). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String indent = text.startsWith("@") ? "        " : "";
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
            }
            if (line.length() > 0 && !line.toString().equals(indent)) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static boolean balancedBraces(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
