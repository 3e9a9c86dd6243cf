import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import studio.queryset.schema.Model;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * Corpus check for the models importer (issue 15), run by hand on model files kept outside the repository:
 * {@code java -cp target/classes:$(cat cp.txt) bench/CorpusMeasure.java /work/corpus [files|projects|warnings]}.
 * Each folder under the corpus root is one project. {@code files} imports each models file alone, {@code projects}
 * each project folder; both print files imported clean / with warnings / failed, models imported against class
 * statements that look like concrete models, and the top failure reasons. {@code projects} also prints the
 * model-like classes not imported, the usable models (imported with no warning that leaves columns or relations
 * unknown) and the field lines of imported models that neither became a field nor were named by a warning (silent
 * drops). {@code warnings} lists every warning of each project import, one a line.
 */
public class CorpusMeasure {
    private static final Pattern CLASS = Pattern.compile("(?m)^([ \\t]*)class\\s+(\\w+)\\s*\\(");
    private static final Pattern FIELD = Pattern.compile("^\\s+(\\w+)\\s*(:[^=]*)?=\\s*[\\w.]*(Field|ForeignKey)\\(");
    /** Per model-like class of the project being measured: the names of the field lines its body writes. */
    private static final Map<String, List<String>> FIELD_LINES = new java.util.HashMap<>();
    private static int silentFields;
    private static int checkedFields;

    /**
     * Warnings that leave a model's columns or relations incomplete: an unknown base that may add fields, a field
     * class guessed as text, a field or relation skipped, a computed Meta value. A model with none is usable.
     */
    private static final Pattern LOSSY = Pattern.compile("fields it (may add|inherits from there) are unknown"
            + "|unknown field class|(?<!not a column|columns|this one); skipped|field skipped|does not evaluate");
    private static int usable;
    private static int missingTotal;

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String mode = args.length > 1 ? args[1] : "files";
        Map<String, Integer> reasons = new TreeMap<>();
        int[] total = new int[5];
        List<Path> projects;
        try (Stream<Path> s = Files.list(root)) {
            projects = s.filter(Files::isDirectory).sorted().toList();
        }
        System.out.printf("%-22s %5s %5s %5s %5s %7s %7s%n", "project", "files", "clean", "warn", "fail", "models",
                "classes");
        for (Path project : projects) {
            List<Path> files = modelFiles(project);
            int[] t = new int[5];
            List<String> expected = new ArrayList<>();
            for (Path f : files) {
                expected.addAll(modelLikeClasses(f));
            }
            t[4] = expected.size();
            if (mode.equals("projects")) {
                missing(project, expected);
            }
            if (mode.equals("warnings")) {
                dumpWarnings(project);
                continue;
            }
            if (mode.equals("projects")) {
                t[0] = 1;
                long start = System.nanoTime();
                tally(project, t, reasons);
                long lines = 0;
                for (Path f : files) {
                    lines += Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1).size();
                }
                System.out.printf("  import %d ms (%d lines of models modules)%n", (System.nanoTime() - start)
                        / 1_000_000, lines);
            } else {
                for (Path f : files) {
                    t[0]++;
                    tally(f, t, reasons);
                }
            }
            System.out.printf("%-22s %5d %5d %5d %5d %7d %7d%n", project.getFileName(), t[0], t[1], t[2],
                    t[0] - t[1] - t[2], t[3], t[4]);
            for (int k = 0; k < 5; k++) {
                total[k] += t[k];
            }
        }
        System.out.printf("%-22s %5d %5d %5d %5d %7d %7d%n", "TOTAL", total[0], total[1], total[2],
                total[0] - total[1] - total[2], total[3], total[4]);
        if (mode.equals("projects")) {
            int all = total[3] + missingTotal;
            System.out.printf("usable models: %d of %d (%.1f%%): imported %d, model-like classes not imported %d%n",
                    usable, all, 100.0 * usable / all, total[3], missingTotal);
            System.out.printf("field lines of imported models neither imported nor named by a warning: %d of %d "
                    + "checked%n", silentFields, checkedFields);
        }
        System.out.println("\ntop failure reasons:");
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(e -> System.out.printf("%4d  %s%n", e.getValue(), e.getKey()));
    }

    private static void tally(Path p, int[] t, Map<String, Integer> reasons) {
        try {
            Schema s = ModelsPyImporter.importFile(p, null);
            if (s.warnings().isEmpty()) {
                t[1]++;
            } else {
                t[2]++;
            }
            t[3] += (int) s.models().stream().filter(m -> m.line() > 0).count();
            java.util.Set<String> lossy = new java.util.HashSet<>();
            s.warnings().stream().filter(w -> w.model() != null && LOSSY.matcher(w.message()).find())
                    .forEach(w -> lossy.add(w.model()));
            usable += (int) s.models().stream().filter(m -> m.line() > 0)
                    .filter(m -> !lossy.contains(m.appLabel() + "." + m.name())).count();
        } catch (Exception | StackOverflowError e) {
            String msg = String.valueOf(e.getMessage());
            System.out.println("  FAIL " + p + ": " + e.getClass().getSimpleName() + ": "
                    + msg.substring(0, Math.min(200, msg.length())));
            String reason = e.getClass().getSimpleName() + ": " + msg.replaceAll("^.*?:\\d+: ", "")
                    .replaceAll("^line \\d+: ", "").replaceAll("Models are: .*", "Models are: …").replaceAll("'[^']*'", "'…'").replaceAll("\\b[A-Z]\\w*\\.\\w+", "X.f");
            reasons.merge(reason.substring(0, Math.min(110, reason.length())), 1, Integer::sum);
        }
    }

    /** Every warning of a project import, one a line, for sorting into classes by hand. */
    private static void dumpWarnings(Path project) {
        try {
            Schema s = ModelsPyImporter.importFile(project, null);
            s.warnings().forEach(w -> System.out.println(project.getFileName() + "\t" + w.model() + "\t" + w));
        } catch (Exception e) {
            System.out.println(project.getFileName() + "\tFAIL\t" + e.getMessage());
        }
    }

    /** Model-like classes with no model of that name in the project's schema: candidates for a silent drop. */
    private static void missing(Path project, List<String> expected) {
        try {
            Schema s = ModelsPyImporter.importFile(project, null);
            java.util.Set<String> names = new java.util.HashSet<>();
            s.models().forEach(m -> names.add(m.name()));
            List<String> lost = expected.stream().filter(n -> !names.contains(n)).toList();
            missingTotal += lost.size();
            // a field line of an imported model that is neither a field of it nor named by a warning: dropped
            Map<String, Long> sameName = s.models().stream().collect(java.util.stream.Collectors.groupingBy(
                    Model::name, java.util.stream.Collectors.counting()));
            for (Model m : s.models().stream().filter(x -> x.line() > 0 && sameName.get(x.name()) == 1).toList()) {
                for (String f : FIELD_LINES.getOrDefault(m.name(), List.of())) {
                    checkedFields++;
                    String where = m.name() + "." + f;
                    if (m.field(f).isEmpty() && s.warnings().stream().noneMatch(w -> w.message().contains(where))) {
                        silentFields++;
                        System.out.println("  field without a word: " + m.appLabel() + "." + where);
                    }
                }
            }
            FIELD_LINES.clear();
            if (!lost.isEmpty()) {
                System.out.println("  not imported (" + lost.size() + "): " + String.join(", ", lost.subList(0,
                        Math.min(12, lost.size()))));
            }
        } catch (Exception e) {
            // counted as a failure by tally
        }
    }

    /** models.py files and the files of models/ packages, outside migrations and tests. */
    static List<Path> modelFiles(Path project) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(project)) {
            s.filter(Files::isRegularFile).forEach(f -> {
                String rel = project.relativize(f).toString();
                if (rel.matches(".*(^|/)(migrations|tests|node_modules|site-packages)/.*")) {
                    return;
                }
                if (rel.endsWith("/models.py") || rel.equals("models.py") || rel.matches(".*(^|/)models/[^/]+\\.py")) {
                    out.add(f);
                }
            });
        }
        out.sort(null);
        return out;
    }

    /** Class statements whose body declares a field and whose Meta does not say abstract. */
    static List<String> modelLikeClasses(Path f) {
        List<String> names = new ArrayList<>();
        try {
            String[] lines = Files.readString(f).split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = CLASS.matcher(lines[i]);
                if (!m.lookingAt()) {
                    continue;
                }
                int indent = m.group(1).length();
                boolean field = false;
                boolean isAbstract = false;
                List<String> fieldNames = new ArrayList<>();
                for (int j = i + 1; j < lines.length; j++) {
                    String l = lines[j];
                    if (!l.isBlank() && l.length() - l.stripLeading().length() <= indent && !l.stripLeading()
                            .startsWith("#") && !l.stripLeading().startsWith(")")) {
                        break;
                    }
                    Matcher fm = FIELD.matcher(l);
                    if (fm.find() && l.length() - l.stripLeading().length() == indent + 4) {
                        field = true;
                        fieldNames.add(fm.group(1));
                    }
                    isAbstract |= l.matches("\\s+abstract\\s*=\\s*True.*");
                }
                if (field && !isAbstract && indent == 0) {
                    names.add(m.group(2));
                    // two classes of one name (two apps): which is which is not known here, so neither is checked
                    if (FIELD_LINES.putIfAbsent(m.group(2), fieldNames) != null) {
                        FIELD_LINES.put(m.group(2), List.of());
                    }
                }
            }
        } catch (Exception e) {
            // unreadable bytes: no classes counted
        }
        return names;
    }
}
