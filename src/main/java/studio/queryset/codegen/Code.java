package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;

/** Lines of Java code with their indentation (four spaces a level). */
final class Code {
    private static final String INDENT = "    ";

    private final List<String> lines = new ArrayList<>();
    private int depth;

    /** Code starting at {@code depth} levels (1: members of a class). */
    Code(int depth) {
        this.depth = depth;
    }

    Code indent() {
        depth++;
        return this;
    }

    Code line(String text) {
        lines.add(text.isEmpty() ? "" : INDENT.repeat(depth) + text);
        return this;
    }

    Code blank() {
        lines.add("");
        return this;
    }

    /** A line ending in a brace; what follows is one level deeper. */
    Code open(String text) {
        line(text);
        depth++;
        return this;
    }

    /** Ends a level with {@code text} ("}" or "} else {" ...). */
    Code close(String text) {
        depth--;
        return line(text);
    }

    /** Ends a level and opens the next ({@code "} else {"}). */
    Code reopen(String text) {
        depth--;
        line(text);
        depth++;
        return this;
    }

    /**
     * {@code head(arg, arg, ...)tail} on one line when it fits in {@link JavaText#WIDTH}; else, for a method
     * declaration, its {@code throws} clause on the next line; else one argument a line, indented two levels
     * past the head.
     */
    Code call(String head, List<String> args, String tail) {
        String call = head + "(" + String.join(", ", args) + ")";
        if (fitsLine(call + tail) || args.isEmpty()) {
            return line(call + tail);
        }
        if (tail.startsWith(" throws ") && fitsLine(call)) {
            line(call);
            return line(INDENT.repeat(2) + tail.strip());
        }
        line(head + "(");
        String pad = INDENT.repeat(2);
        for (int i = 0; i < args.size(); i++) {
            line(pad + args.get(i) + (i == args.size() - 1 ? ")" + tail : ","));
        }
        return this;
    }

    /** {@code head(arg, arg, ...)tail} with the arguments filling lines, continued two levels deeper. */
    Code fill(String head, List<String> args, String tail) {
        StringBuilder current = new StringBuilder(head).append('(');
        String pad = INDENT.repeat(2);
        for (int i = 0; i < args.size(); i++) {
            String piece = args.get(i) + (i == args.size() - 1 ? ")" + tail : ",");
            if (current.length() > 0 && !fitsLine(current + " " + piece) && !current.toString().strip().endsWith("(")) {
                line(current.toString());
                current = new StringBuilder(pad).append(piece);
            } else {
                if (!current.toString().endsWith("(")) {
                    current.append(' ');
                }
                current.append(piece);
            }
        }
        if (args.isEmpty()) {
            current.append(')').append(tail);
        }
        return line(current.toString());
    }

    /** A statement, broken before {@code .method(} continuations when it is too long for one line. */
    Code statement(String first, String... continuations) {
        String all = first + String.join("", continuations);
        if (fitsLine(all)) {
            return line(all);
        }
        line(first);
        for (String c : continuations) {
            line(INDENT.repeat(2) + c);
        }
        return this;
    }

    /** A Javadoc comment, its prose wrapped to the width ({@code <pre>} blocks kept as they are). */
    Code javadoc(List<String> text) {
        List<String> out = new ArrayList<>();
        boolean pre = false;
        for (String t : text) {
            if (t.startsWith("<pre>")) {
                pre = true;
            }
            if (pre || t.isEmpty()) {
                out.add(t);
            } else {
                out.addAll(JavaText.wrap(t, JavaText.WIDTH - INDENT.length() * depth - 3));
            }
            if (t.endsWith("</pre>")) {
                pre = false;
            }
        }
        if (out.size() == 1 && fitsLine("/** " + out.get(0) + " */")) {
            return line("/** " + out.get(0) + " */");
        }
        line("/**");
        for (String l : out) {
            line(l.isEmpty() ? " *" : " * " + l);
        }
        return line(" */");
    }

    /** Whether {@code text} fits on a line at the current depth. */
    boolean fitsLine(String text) {
        return INDENT.length() * depth + text.length() <= JavaText.WIDTH;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
