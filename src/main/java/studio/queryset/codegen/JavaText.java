package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;

/** Java source text: string literals, and text safe inside a Javadoc comment. */
final class JavaText {
    /** Longest line the generated code aims for. */
    static final int WIDTH = 120;

    /**
     * A line as it must stand inside a Java text block to read back as itself: backslashes doubled, every third
     * quote of a run escaped (so no three quotes ever stand together and close the block early, whatever a
     * db_column or a string holds), and control characters as escapes.
     */
    static String inTextBlock(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quotes == 2) {
                    sb.append("\\\"");
                    quotes = 0;
                } else {
                    sb.append(c);
                    quotes++;
                }
                continue;
            }
            quotes = 0;
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                sb.append('\\').append(String.format("%03o", (int) c)); // an octal escape: never a raw byte
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

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
