package studio.queryset.run;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import studio.queryset.sql.OutColumn;

/**
 * One result row as an ordered map over the row's value array, with the column names shared by every row of
 * the query: no per-row hash table, which keeps streaming millions of rows close to a plain JDBC loop.
 * Keys added later (prefetched lists, nested objects) go to a small overflow map, after the columns.
 */
final class RowMap extends AbstractMap<String, Object> {

    /** Column names of a query's flat, visible columns and their positions, computed once per query. */
    static final class Layout {
        final String[] keys;
        final Map<String, Integer> index = new HashMap<>();

        private Layout(String[] keys) {
            this.keys = keys;
            for (int i = 0; i < keys.length; i++) {
                index.put(keys[i], i);
            }
        }

        /** A layout when every column is a flat, visible one (so the row array is the value array), else null. */
        static Layout of(List<OutColumn> cols) {
            String[] keys = new String[cols.size()];
            for (int i = 0; i < keys.length; i++) {
                OutColumn c = cols.get(i);
                if (c.hidden() || !c.relationPath().isEmpty()) {
                    return null;
                }
                keys[i] = c.key();
            }
            return new Layout(keys);
        }
    }

    private final Layout layout;
    private final Object[] values;
    private LinkedHashMap<String, Object> extra;

    RowMap(Layout layout, Object[] values) {
        this.layout = layout;
        this.values = values;
    }

    @Override
    public Object get(Object key) {
        Integer i = layout.index.get(key);
        if (i != null) {
            return values[i];
        }
        return extra == null ? null : extra.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return layout.index.containsKey(key) || extra != null && extra.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        Integer i = layout.index.get(key);
        if (i != null) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (extra == null) {
            extra = new LinkedHashMap<>();
        }
        return extra.put(key, value);
    }

    @Override
    public int size() {
        return values.length + (extra == null ? 0 : extra.size());
    }

    /** The columns' part, by position (no entry objects: a streamed row is read once, column by column). */
    int columns() {
        return values.length;
    }

    String keyAt(int i) {
        return layout.keys[i];
    }

    Object valueAt(int i) {
        return values[i];
    }

    /** The keys added after the columns, in order (empty when none). */
    Map<String, Object> added() {
        return extra == null ? Map.of() : extra;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> rest = extra == null ? null : extra.entrySet().iterator();
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < values.length || rest != null && rest.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (i < values.length) {
                            int at = i++;
                            return new SimpleEntry<>(layout.keys[at], values[at]) {
                                @Override
                                public Object setValue(Object value) {
                                    values[at] = value;
                                    return super.setValue(value);
                                }
                            };
                        }
                        if (rest == null) {
                            throw new NoSuchElementException();
                        }
                        return rest.next();
                    }
                };
            }

            @Override
            public int size() {
                return RowMap.this.size();
            }
        };
    }
}
