package studio.queryset.design.text;

/**
 * Breaks one long chain step ({@code .filter(Q(a) | Q(b) | ..., x=1)}) into lines at its own top-level
 * separators — after {@code ,} and before {@code |} / {@code &} — outside strings and nested calls. Only
 * whitespace changes, so the text parses to the same QuerySet (Python continues lines inside parentheses).
 * Besides reading better, a line per condition keeps a canvas edit to one short line of the editor, which the
 * text area re-lays out far faster than one 8,000-character line.
 */
public final class StepWrap {
    private StepWrap() {
    }

    public static String wrap(String step, String indent) {
        StringBuilder out = new StringBuilder(step.length() + 64);
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < step.length(); i++) {
            char c = step.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < step.length()) {
                    out.append(step.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 1 && c == ',' && i + 1 < step.length() && step.charAt(i + 1) == ' ') {
                out.append(",\n").append(indent);
                i++;
                continue;
            } else if (depth == 1 && c == ' ' && i + 2 < step.length() && (step.charAt(i + 1) == '|'
                    || step.charAt(i + 1) == '&') && step.charAt(i + 2) == ' ') {
                out.append('\n').append(indent).append(step.charAt(i + 1)).append(' ');
                i += 2;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
