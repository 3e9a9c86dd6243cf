package studio.queryset.sql.format;

/**
 * Where each character of a text went when it was rewritten for display (laid out, values inlined): its start
 * and end in the new text. Lets a SQL span found in the compiled statement be shown in the displayed one.
 */
public final class OffsetMap {
    private final int[] starts;
    private final int[] ends;
    private final int outLength;

    private OffsetMap(int[] starts, int[] ends, int outLength) {
        this.starts = starts;
        this.ends = ends;
        this.outLength = outLength;
    }

    /** Where a span starting at input offset {@code i} starts in the output. */
    public int start(int i) {
        return i >= starts.length ? outLength : starts[Math.max(0, i)];
    }

    /** Where a span ending (exclusive) at input offset {@code i} ends in the output. */
    public int end(int i) {
        return i <= 0 ? 0 : ends[Math.min(i, ends.length) - 1];
    }

    /** This rewrite followed by {@code next}. */
    public OffsetMap then(OffsetMap next) {
        int[] s = new int[starts.length];
        int[] e = new int[ends.length];
        for (int i = 0; i < starts.length; i++) {
            s[i] = next.start(starts[i]);
            e[i] = next.end(ends[i]);
        }
        return new OffsetMap(s, e, next.outLength);
    }

    /** Records the rewrite as it happens: for each input character, call {@link #wrote} once, in order. */
    public static final class Builder {
        private final int[] starts;
        private final int[] ends;

        public Builder(int inputLength) {
            starts = new int[inputLength];
            ends = new int[inputLength];
        }

        /** Input character {@code i} became output {@code [from, to)} (empty when it was dropped). */
        void wrote(int i, int from, int to) {
            starts[i] = from;
            ends[i] = to;
        }

        /** Input characters {@code [i, j)} were copied unchanged to output offset {@code from}. */
        void copied(int i, int j, int from) {
            for (int k = i; k < j; k++) {
                starts[k] = from + (k - i);
                ends[k] = from + (k - i) + 1;
            }
        }

        public OffsetMap build(int outLength) {
            return new OffsetMap(starts, ends, outLength);
        }
    }
}
