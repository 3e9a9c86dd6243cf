package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL and the parameters its {@code ?} placeholders take, kept together so they cannot drift. */
public record Frag(String sql, List<Object> params) {
    public Frag {
        // not List.copyOf: a bound NULL is a legitimate parameter; most fragments bind nothing
        params = params.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static Frag of(String sql) {
        return new Frag(sql, List.of());
    }

    public static Frag param(Object value) {
        List<Object> p = new ArrayList<>();
        p.add(value);
        return new Frag("?", p);
    }

    /** Joins fragments with a separator, concatenating their parameters in order. */
    public static Frag join(String separator, List<Frag> parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> params = new ArrayList<>(0);
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(parts.get(i).sql());
            params.addAll(parts.get(i).params());
        }
        return new Frag(sb.toString(), params);
    }

    /** Formats {@code template} where each {@code %s} takes the next fragment's SQL. */
    public static Frag format(String template, Frag... parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int at = 0;
        int k = 0;
        while (true) {
            int next = template.indexOf("%s", at);
            if (next < 0) {
                sb.append(template, at, template.length());
                break;
            }
            sb.append(template, at, next).append(parts[k].sql());
            params.addAll(parts[k].params());
            k++;
            at = next + 2;
        }
        return new Frag(sb.toString(), params);
    }
}
