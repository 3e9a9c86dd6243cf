package studio.queryset.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One method call in a QuerySet chain, in the order written. The chain is the model: the compiler folds
 * it into SQL the way Django's {@code Query} does, and the canvas shows each step as a stage node.
 */
public sealed interface Step {

    /** The method name as Django spells it. */
    String method();

    /** A step that ends the chain and evaluates it (count, get, update...). */
    default boolean terminal() {
        return false;
    }

    /** {@code filter(*args, **kwargs)} or, when {@code exclude}, {@code exclude(...)}. */
    record Filter(List<Q> args, List<Q.Lookup> kwargs, boolean exclude) implements Step {
        public Filter {
            args = List.copyOf(args);
            kwargs = List.copyOf(kwargs);
        }

        @Override
        public String method() {
            return exclude ? "exclude" : "filter";
        }

        /**
         * The whole condition, as Django builds it: {@code Q(*args, *sorted(kwargs.items()))} — keyword lookups
         * come after the positional ones in name order, whatever order they were written in.
         */
        public Q condition() {
            List<Q> all = new java.util.ArrayList<>(args);
            List<Q.Lookup> sorted = new java.util.ArrayList<>(kwargs);
            if (sorted.size() > 1) {
                sorted.sort(java.util.Comparator.comparing(Q.Lookup::path));
            }
            all.addAll(sorted);
            return Q.and(all);
        }
    }

    /** {@code annotate(...)} or {@code alias(...)}; positional aggregates get Django's default alias. */
    record Annotate(List<Expression> positional, Map<String, Expression> named, boolean alias) implements Step {
        public Annotate {
            positional = List.copyOf(positional);
            named = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(named));
        }

        @Override
        public String method() {
            return alias ? "alias" : "annotate";
        }
    }

    record OrderBy(List<Expression.OrderBy> items) implements Step {
        public OrderBy {
            items = List.copyOf(items);
        }

        @Override
        public String method() {
            return "order_by";
        }
    }

    /** {@code values(*fields, **expressions)}. */
    record Values(List<String> fields, Map<String, Expression> expressions) implements Step {
        public Values {
            fields = List.copyOf(fields);
            expressions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
        }

        @Override
        public String method() {
            return "values";
        }
    }

    record ValuesList(List<String> fields, boolean flat, boolean named) implements Step {
        public ValuesList {
            fields = List.copyOf(fields);
        }

        @Override
        public String method() {
            return "values_list";
        }
    }

    /** {@code distinct()} or, with fields, PostgreSQL's {@code DISTINCT ON}. */
    record Distinct(List<String> fields) implements Step {
        public Distinct {
            fields = List.copyOf(fields);
        }

        @Override
        public String method() {
            return "distinct";
        }
    }

    /** {@code only(...)} or, when {@code defer}, {@code defer(...)}. */
    record Only(List<String> fields, boolean defer) implements Step {
        public Only {
            fields = List.copyOf(fields);
        }

        @Override
        public String method() {
            return defer ? "defer" : "only";
        }
    }

    record SelectRelated(List<String> paths) implements Step {
        public SelectRelated {
            paths = List.copyOf(paths);
        }

        @Override
        public String method() {
            return "select_related";
        }
    }

    record PrefetchRelated(List<Prefetch> lookups) implements Step {
        public PrefetchRelated {
            lookups = List.copyOf(lookups);
        }

        @Override
        public String method() {
            return "prefetch_related";
        }
    }

    /** {@code [start:stop]}; either bound may be null. */
    record Slice(Long start, Long stop) implements Step {
        @Override
        public String method() {
            return "slice";
        }
    }

    /** {@code [n]}: one object, an error when there is none. */
    record Index(long index) implements Step {
        @Override
        public String method() {
            return "index";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** Chain methods without arguments: all(), reverse(), none(). */
    record Simple(String method) implements Step { }

    /**
     * union / intersection / difference, or the operators {@code qs | other} and {@code qs & other} (methods
     * {@value #OR} and {@value #AND}: Django's {@code Query.combine}, which merges the other query's WHERE into
     * this one, where the set operations compose whole statements).
     */
    record Combine(String method, List<QuerySet> others, boolean all) implements Step {
        public static final String OR = "or";
        public static final String AND = "and";

        public Combine {
            others = List.copyOf(others);
            if (isOperator(method) && (others.size() != 1 || all)) {
                throw new IllegalArgumentException("the " + symbol(method) + " operator takes one queryset");
            }
        }

        /** {@code qs | other} or {@code qs & other}. */
        public static Combine operator(String method, QuerySet other) {
            return new Combine(method, List.of(other), false);
        }

        /** Whether this is {@code |} or {@code &} rather than a set operation. */
        public boolean isOperator() {
            return isOperator(method);
        }

        /** {@code "|"} or {@code "&"} for the operators, else null. */
        public String symbol() {
            return symbol(method);
        }

        private static boolean isOperator(String method) {
            return OR.equals(method) || AND.equals(method);
        }

        private static String symbol(String method) {
            return OR.equals(method) ? "|" : AND.equals(method) ? "&" : null;
        }
    }

    /** {@code iterator(chunk_size=...)}: evaluate streaming, skipping the result cache. */
    record Iterator(Long chunkSize) implements Step {
        @Override
        public String method() {
            return "iterator";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * Terminal methods: count, exists, first, last, delete (no arguments); get (a condition);
     * earliest / latest (field names).
     */
    record Terminal(String method, Filter condition, List<String> fields) implements Step {
        public Terminal {
            fields = List.copyOf(fields);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code aggregate(...)}. */
    record Aggregate(List<Expression> positional, Map<String, Expression> named) implements Step {
        public Aggregate {
            positional = List.copyOf(positional);
            named = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(named));
        }

        @Override
        public String method() {
            return "aggregate";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code update(field=expr, ...)}: a write. */
    record Update(Map<String, Expression> values) implements Step {
        public Update {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String method() {
            return "update";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * {@code create(field=value, ...)} (one object) or {@code bulk_create([Model(...), ...])}: writes that
     * return the created objects with their primary keys.
     */
    record Create(List<Map<String, Expression>> objects, boolean bulk) implements Step {
        public Create {
            List<Map<String, Expression>> copy = new java.util.ArrayList<>();
            for (Map<String, Expression> o : objects) {
                copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(o)));
            }
            objects = List.copyOf(copy);
        }

        @Override
        public String method() {
            return bulk ? "bulk_create" : "create";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code raw(sql, params)} on the manager. */
    record Raw(String sql, List<Expression> params) implements Step {
        public Raw {
            params = List.copyOf(params);
        }

        @Override
        public String method() {
            return "raw";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }
}
