package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * The canonical Django text of a query (DjangoPrinter's), cut at its method calls so long chains can be
 * written one call a line, and the text of single conditions for code that composes them.
 */
final class DjangoChain {
    private static final String PROBE = "X";

    private DjangoChain() {
    }

    /** {@code ["Post.objects", ".filter(...)", "[:10]"]}: joined, exactly the canonical text. */
    static List<String> parts(QuerySet qs) {
        String full = DjangoPrinter.print(qs);
        List<String> parts = new ArrayList<>();
        if (qs.steps().stream().anyMatch(s -> s instanceof Step.Combine c && c.isOperator())) {
            return List.of(full); // qs | qs: laid out at its operators (operatorLines), not one call a line
        }
        String previous = DjangoPrinter.manager(qs.model());
        parts.add(previous);
        if (qs.steps().isEmpty()) {
            parts.add(full.substring(previous.length()));
            return parts;
        }
        for (int i = 1; i <= qs.steps().size(); i++) {
            String text = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i)));
            if (!text.startsWith(previous)) {
                return List.of(full);
            }
            parts.add(text.substring(previous.length()));
            previous = text;
        }
        return String.join("", parts).equals(full) ? parts : List.of(full);
    }

    /**
     * The text on one line when it fits in {@code width}, else one call a line (the first on the line of
     * {@code Model.objects}, slices on the line of the call before them), continuation lines starting with
     * {@code indent}.
     */
    static List<String> lines(QuerySet qs, int width, String indent) {
        return lines(parts(qs), width, indent);
    }

    static List<String> lines(List<String> parts, int width, String indent) {
        String full = String.join("", parts);
        if (full.length() > width && parts.size() < 2) {
            return operatorLines(full, indent);
        }
        if (full.length() <= width || parts.size() < 2) {
            return List.of(full);
        }
        List<String> calls = new ArrayList<>();
        calls.add(parts.get(0) + parts.get(1));
        for (String p : parts.subList(2, parts.size())) {
            if (p.startsWith("[")) {
                calls.set(calls.size() - 1, calls.get(calls.size() - 1) + p);
            } else {
                calls.add(indent + p);
            }
        }
        List<String> lines = new ArrayList<>();
        boolean broken = false;
        boolean chained = false;
        for (String call : calls) {
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (broken && !chained && (last + call.strip()).length() <= width) {
                // after a first call laid out one argument a line, the chain goes on from its parenthesis
                lines.set(lines.size() - 1, last + call.strip());
                continue;
            }
            chained |= !lines.isEmpty();
            List<String> laid = call.length() <= width ? List.of(call) : arguments(call, width);
            broken = laid.size() > 1;
            lines.addAll(laid);
        }
        return lines;
    }

    /**
     * A call too long for one line with its arguments one a line, four spaces deeper, and a trailing comma
     * (valid Python): {@code .filter(\n    a=1,\n    b=2,\n)}.
     */
    private static List<String> arguments(String call, int width) {
        String indent = call.substring(0, call.length() - call.stripLeading().length());
        int open = -1;
        int depth = 0;
        List<Integer> commas = new ArrayList<>();
        int close = -1;
        for (int i = 0; i < call.length() && close < 0; i++) {
            char c = call.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(call, i);
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth == 0 && c == '(' && open < 0) {
                    open = i;
                }
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0 && i > open && open >= 0 && c == ')') {
                    close = i;
                }
            } else if (c == ',' && depth == 1 && open >= 0) {
                commas.add(i);
            }
        }
        if (open < 0 || close < 0 || close == open + 1) {
            return List.of(call);
        }
        List<String> lines = new ArrayList<>();
        lines.add(call.substring(0, open + 1));
        int from = open + 1;
        commas.add(close);
        String inner = indent + "    ";
        for (int at : commas) {
            String arg = call.substring(from, at).strip();
            String line = inner + arg + ",";
            if (line.length() <= width) {
                lines.add(line);
            } else if (isString(arg)) {
                lines.addAll(splitString(arg, inner, width));
            } else if (operands(arg).size() > 1) {
                // Q(...) | Q(...): one operand a line, each after its operator (Python continues inside parentheses)
                List<String> ops = operands(arg);
                for (int k = 0; k < ops.size(); k++) {
                    String l = inner + ops.get(k) + (k == ops.size() - 1 ? "," : "");
                    lines.addAll(l.length() <= width ? List.of(l) : arguments(l, width));
                }
            } else {
                lines.addAll(arguments(line, width));
            }
            from = at + 1;
        }
        lines.add(indent + call.substring(close));
        return lines;
    }

    /**
     * {@code qs | qs} text too long for a line: a line for each operand of the outermost operators, each after the
     * first starting with its operator; inside parentheses (added when the operators are outermost) so that the
     * lines stay one Python expression.
     */
    private static List<String> operatorLines(String full, String indent) {
        List<Integer> cuts = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        int depth = 0;
        for (int i = 0; i + 1 < full.length(); i++) {
            char c = full.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(full, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if ((c == '|' || c == '&') && i > 0 && full.charAt(i - 1) == ' ' && full.charAt(i + 1) == ' ') {
                if (depth < best) {
                    best = depth;
                    cuts.clear();
                }
                if (depth == best) {
                    cuts.add(i);
                }
            }
        }
        if (cuts.isEmpty()) {
            return List.of(full);
        }
        String text = best == 0 ? "(" + full + ")" : full;
        int shift = best == 0 ? 1 : 0;
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int at : cuts) {
            lines.add((from == 0 ? "" : indent) + text.substring(from, at + shift).strip());
            from = at + shift;
        }
        lines.add(indent + text.substring(from).strip());
        return lines;
    }

    /** The operands of a top-level {@code |} / {@code &} chain, each after the first with its operator. */
    private static List<String> operands(String arg) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(arg, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (c == '|' || c == '&') && i > 0 && arg.charAt(i - 1) == ' ') {
                out.add(arg.substring(from, i).strip());
                from = i;
            }
        }
        out.add(arg.substring(from).strip());
        return out;
    }

    private static boolean isString(String arg) {
        int start = arg.startsWith("r\"") ? 1 : 0;
        return arg.length() > start + 1 && arg.charAt(start) == '"' && endOfString(arg, start) == arg.length() - 1;
    }

    /**
     * A long string literal as adjacent literals, one a line (Python joins them), cut after spaces; the last
     * ends with the argument's comma.
     */
    private static List<String> splitString(String literal, String indent, int width) {
        String prefix = literal.startsWith("r") ? "r\"" : "\"";
        String text = literal.substring(prefix.length(), literal.length() - 1);
        int room = Math.max(20, width - indent.length() - prefix.length() - 2);
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (text.length() - from > room) {
            int cut = -1;
            for (int i = from + room; i > from; i--) {
                if (text.charAt(i - 1) == ' ' && (i < 2 || text.charAt(i - 2) != '\\')) {
                    cut = i;
                    break;
                }
            }
            if (cut < 0) {
                break;
            }
            lines.add(indent + prefix + text.substring(from, cut) + "\"");
            from = cut;
        }
        lines.add(indent + prefix + text.substring(from) + "\",");
        return lines;
    }

    private static int endOfString(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    /** A condition as an argument of filter(): {@code Q(a=1) | Q(b=2)}. */
    static String condition(Q q) {
        return inFilter(new Step.Filter(List.of(q), List.of(), false));
    }

    /** A lookup as a keyword argument: {@code author__name="x"}. */
    static String keyword(Q.Lookup lookup) {
        return inFilter(new Step.Filter(List.of(), List.of(lookup), false));
    }

    private static String inFilter(Step.Filter f) {
        String text = DjangoPrinter.print(QuerySet.of(PROBE).then(f));
        String head = PROBE + ".objects.filter(";
        return text.substring(head.length(), text.length() - 1);
    }
}
