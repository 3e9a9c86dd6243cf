package studio.queryset.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Times two variants of the same work alternately, in alternating order, so that a machine whose load changes
 * during the run (two cores shared with builds) skews both alike. The ratio is the median of the per-round
 * ratios, which a single slow round cannot move.
 */
final class Interleaved {
    interface Work {
        long run() throws Exception;
    }

    record Result(double oursMs, double referenceMs, double ratio, int rounds) {
    }

    private Interleaved() {
    }

    static Result measure(int warmups, int rounds, Work ours, Work reference) throws Exception {
        long checkOurs = ours.run();
        long checkReference = reference.run();
        if (checkOurs != checkReference) {
            throw new IllegalStateException("the two variants disagree: " + checkOurs + " vs " + checkReference);
        }
        for (int i = 1; i < warmups; i++) {
            ours.run();
            reference.run();
        }
        List<Double> oursMs = new ArrayList<>();
        List<Double> referenceMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double a;
            double b;
            if (i % 2 == 0) {
                a = time(ours);
                b = time(reference);
            } else {
                b = time(reference);
                a = time(ours);
            }
            oursMs.add(a);
            referenceMs.add(b);
            ratios.add(a / b);
        }
        return new Result(median(oursMs), median(referenceMs), median(ratios), rounds);
    }

    private static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
