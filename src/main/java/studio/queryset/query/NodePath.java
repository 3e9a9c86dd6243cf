package studio.queryset.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The address of a canvas node inside a QuerySet: typed segments, printed as dot-separated tokens
 * ({@code s1.n.score.r}, {@code s0.a0.c2}, {@code s2.f0.s1}). The printed form is the key of node positions in
 * design files, so {@link #parse} and {@link #toString} are the one parser and the one printer of it.
 *
 * <p>The grammar is unambiguous without regexes on whole ids: a token {@code n} is always followed by an
 * annotation's name, taken verbatim, so aliases such as {@code score}, {@code s0}, {@code v} or {@code sum} are
 * names, never steps or lookup values.
 */
public record NodePath(List<Segment> segments) {
    /** The main pipeline's source node, {@code src}. */
    public static final NodePath SOURCE = new NodePath(List.of(new Segment.Source()));

    /** Model order: segment by segment, positions compared as numbers; a node before the nodes below it. */
    public static final java.util.Comparator<NodePath> ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Segment x = a.segments.get(i);
            Segment y = b.segments.get(i);
            int c = x instanceof Segment.Indexed ix && y instanceof Segment.Indexed iy && x.getClass() == y.getClass()
                    ? Integer.compare(ix.index(), iy.index()) : x.print().compareTo(y.print());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    public NodePath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a node path has at least one segment");
        }
    }

    public static NodePath of(Segment... segments) {
        return new NodePath(List.of(segments));
    }

    /** Step {@code i} of the main pipeline. */
    public static NodePath step(int i) {
        return of(new Segment.StepAt(i));
    }

    /** Parses the printed form; the error names the token, its place and what would be valid there. */
    public static NodePath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new QueryException("ValueError", "empty node path: write one like s0, s1.k0 or s2.n.score");
        }
        String[] tokens = text.split("\\.", -1);
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.equals("n")) {
                if (i + 1 >= tokens.length || tokens[i + 1].isEmpty()) {
                    throw new QueryException("ValueError", "node path '" + text + "': 'n' at token " + (i + 1)
                            + " must be followed by an annotation name, e.g. s1.n.score");
                }
                out.add(new Segment.Named(tokens[++i]));
            } else {
                out.add(Segment.parse(t, text, i + 1));
            }
        }
        return new NodePath(out);
    }

    /** The printed form, the inverse of {@link #parse}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(s.print());
        }
        return b.toString();
    }

    public NodePath child(Segment s) {
        List<Segment> out = new ArrayList<>(segments);
        out.add(s);
        return new NodePath(out);
    }

    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    /** The path without its last segment, or null for a one-segment path. */
    public NodePath parent() {
        return segments.size() == 1 ? null : new NodePath(segments.subList(0, segments.size() - 1));
    }

    public int size() {
        return segments.size();
    }

    /** True when {@code other} is this path or lies below it. */
    public boolean contains(NodePath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** True for a pipeline's source ({@code src}, {@code s0.n.latest.src}). */
    public boolean isSource() {
        return last() instanceof Segment.Source;
    }

    /** True for a chain step of some pipeline ({@code s2}, {@code s0.n.latest.s1}). */
    public boolean isStep() {
        return last() instanceof Segment.StepAt;
    }

    /**
     * The frame holding this node's pipeline ({@code s0.n.latest} for {@code s0.n.latest.s1.k0}), or null when the
     * node is in the main pipeline. A pipeline is entered by its first step or source segment.
     */
    public NodePath frame() {
        int at = pipelineSegment();
        return at <= 0 ? null : new NodePath(segments.subList(0, at));
    }

    /** The step (or source) this node hangs from: {@code s0.n.latest.s1} for {@code s0.n.latest.s1.k0.c2}. */
    public NodePath stepPath() {
        int at = pipelineSegment();
        if (at < 0) {
            throw new QueryException("ValueError", "node path '" + this + "' names no step: it must start with "
                    + "sN or src");
        }
        return new NodePath(segments.subList(0, at + 1));
    }

    /** The index of the step this node hangs from in its own pipeline; -1 when it hangs from a source. */
    public int stepIndex() {
        return stepPath().last() instanceof Segment.StepAt s ? s.index() : -1;
    }

    /** The path of the source node of the pipeline this node is in. */
    public NodePath sourcePath() {
        NodePath f = frame();
        return f == null ? SOURCE : f.child(new Segment.Source());
    }

    /** Step {@code i} of the pipeline this node is in. */
    public NodePath sibling(int stepIndex) {
        NodePath f = frame();
        Segment s = new Segment.StepAt(stepIndex);
        return f == null ? of(s) : f.child(s);
    }

    private int pipelineSegment() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s instanceof Segment.StepAt || s instanceof Segment.Source) {
                return i;
            }
        }
        return -1;
    }
}
