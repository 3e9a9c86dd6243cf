package studio.queryset.query;


/** One step of a {@link NodePath}: which part of its parent a node is. */
public sealed interface Segment {
    /** The printed token(s) of this segment. */
    String print();

    /** A part at a position of a list of its parent (steps, arguments, Q children, When branches...). */
    sealed interface Indexed extends Segment {
        int index();

        /** The same kind of segment at another position. */
        Indexed at(int index);
    }

    /** Step {@code i} of the pipeline held by the parent ({@code sN}). */
    record StepAt(int index) implements Indexed {
        public String print() {
            return "s" + index;
        }

        public Indexed at(int i) {
            return new StepAt(i);
        }
    }

    /** The source of the pipeline held by the parent: {@code Model.objects} ({@code src}). */
    record Source() implements Segment {
        public String print() {
            return "src";
        }
    }

    /** Positional Q argument {@code i} of a filter / exclude / get(...) ({@code aN}). */
    record Arg(int index) implements Indexed {
        public String print() {
            return "a" + index;
        }

        public Indexed at(int i) {
            return new Arg(i);
        }
    }

    /** Keyword lookup {@code i} of a filter / exclude / get(...) ({@code kN}). */
    record Kwarg(int index) implements Indexed {
        public String print() {
            return "k" + index;
        }

        public Indexed at(int i) {
            return new Kwarg(i);
        }
    }

    /** Child {@code i} of a Q group ({@code cN}). */
    record QChild(int index) implements Indexed {
        public String print() {
            return "c" + index;
        }

        public Indexed at(int i) {
            return new QChild(i);
        }
    }

    /** The named entry of annotate / alias / aggregate / update ({@code n.<alias>}). */
    record Named(String alias) implements Segment {
        public Named {
            if (alias == null || alias.isEmpty() || alias.contains(".")) {
                throw new QueryException("ValueError", "'" + alias + "' cannot name an annotation in a node path: "
                        + "use a Python name such as score");
            }
        }

        public String print() {
            return "n." + alias;
        }
    }

    /** Positional expression {@code i} of annotate / aggregate ({@code pN}). */
    record Positional(int index) implements Indexed {
        public String print() {
            return "p" + index;
        }

        public Indexed at(int i) {
            return new Positional(i);
        }
    }

    /** Lookup {@code i} of prefetch_related ({@code fN}). */
    record PrefetchItem(int index) implements Indexed {
        public String print() {
            return "f" + index;
        }

        public Indexed at(int i) {
            return new PrefetchItem(i);
        }
    }

    /** Queryset {@code i} of union / intersection / difference ({@code oN}). */
    record CombinedPart(int index) implements Indexed {
        public String print() {
            return "o" + index;
        }

        public Indexed at(int i) {
            return new CombinedPart(i);
        }
    }

    /** Argument {@code i} of a function ({@code xN}). */
    record FuncArg(int index) implements Indexed {
        public String print() {
            return "x" + index;
        }

        public Indexed at(int i) {
            return new FuncArg(i);
        }
    }

    /** Branch {@code i} of a Case ({@code wN}). */
    record WhenAt(int index) implements Indexed {
        public String print() {
            return "w" + index;
        }

        public Indexed at(int i) {
            return new WhenAt(i);
        }
    }

    /** A part of which its parent has exactly one. */
    record Fixed(Part part) implements Segment {
        public String print() {
            return part.token;
        }
    }

    /** The single-valued parts, with their printed tokens. */
    enum Part {
        /** A lookup's queryset value: {@code id__in=Book.objects...} or a Subquery. */
        LOOKUP_QUERY("v"),
        /** A lookup's expression value ({@code views__gt=F("likes") * 2}). */
        LOOKUP_VALUE("e"),
        LEFT("l"),
        RIGHT("r"),
        /** The operand of a negation or an ExpressionWrapper. */
        INNER("inner"),
        /** An aggregate's argument. */
        AGGREGATE_ARG("arg"),
        /** An aggregate's {@code filter=Q(...)}. */
        AGGREGATE_FILTER("filter"),
        /** A Case's {@code default=}. */
        DEFAULT("def"),
        /** A When's condition (or a boolean expression's Q). */
        CONDITION("cond"),
        THEN("then");

        final String token;

        Part(String token) {
            this.token = token;
        }
    }

    /** One token (not {@code n}) of a printed path; {@code text} and {@code position} are for the message. */
    static Segment parse(String token, String text, int position) {
        for (Part p : Part.values()) {
            if (p.token.equals(token)) {
                return new Fixed(p);
            }
        }
        if (token.equals("src")) {
            return new Source();
        }
        if (token.length() >= 2 && token.chars().skip(1).allMatch(c -> c >= '0' && c <= '9')) {
            int i;
            try {
                i = Integer.parseInt(token.substring(1));
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i >= 0) {
                switch (token.charAt(0)) {
                    case 's': return new StepAt(i);
                    case 'a': return new Arg(i);
                    case 'k': return new Kwarg(i);
                    case 'c': return new QChild(i);
                    case 'p': return new Positional(i);
                    case 'f': return new PrefetchItem(i);
                    case 'o': return new CombinedPart(i);
                    case 'x': return new FuncArg(i);
                    case 'w': return new WhenAt(i);
                    default: break;
                }
            }
        }
        throw new QueryException("ValueError", "node path '" + text + "': unknown segment '" + token + "' at token "
                + position + "; valid are sN, src, aN, kN, cN, n.<alias>, pN, fN, oN, xN, wN, v, e, l, r, inner, "
                + "arg, filter, def, cond, then");
    }
}
