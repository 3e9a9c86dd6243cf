package studio.queryset.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import studio.queryset.run.ResultJson;

/**
 * Test helpers for generated Java: compiling sources in-process (javax.tools, the test's class path, every
 * lint warning an error), finding a query's method, and turning what it returns into the engine's JSON.
 */
public final class GeneratedCode {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GeneratedCode() {
    }

    /** Compiles {@code sources} (class name → source) into {@code dir}; returns a loader for them. */
    public static ClassLoader compile(Map<String, String> sources, Path dir) throws IOException {
        Path classes = javac(sources, dir, System.getProperty("java.class.path"));
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedCode.class.getClassLoader());
    }

    /**
     * Compiles against {@code classpath} alone and loads the classes with nothing else: the platform's classes,
     * the jars given and the compiled ones (no test class path), as a project that depends on those jars would.
     */
    public static ClassLoader compileAlone(Map<String, String> sources, Path dir, List<Path> classpath)
            throws IOException {
        List<String> entries = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            entries.add(p.toString());
            urls.add(p.toUri().toURL());
        }
        Path classes = javac(sources, dir, String.join(java.io.File.pathSeparator, entries));
        urls.add(0, classes.toUri().toURL());
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Path javac(Map<String, String> sources, Path dir, String classpath) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", classpath, "--release", "17", "-proc:none", "-Xlint:all,-path",
                    "-Werror", "-encoding", "UTF-8");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
                StringBuilder sb = new StringBuilder("generated code does not compile cleanly:\n");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    sb.append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
                            .append(d.getLineNumber()).append(": ").append(d.getKind()).append(": ")
                            .append(d.getMessage(Locale.ROOT)).append('\n');
                }
                throw new AssertionError(sb.toString());
            }
        }
        return classes;
    }

    /**
     * What a reader's eye checks: lines of at most 120 characters, four-space indentation without tabs or
     * trailing spaces, imports sorted, each one used.
     */
    static List<String> styleProblems(String name, String source) {
        List<String> problems = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        List<String> imports = new ArrayList<>();
        List<String> staticImports = new ArrayList<>(); // a group of their own, after the others
        boolean textBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            boolean content = textBlock;
            if (l.contains("\"\"\"")) {
                textBlock = !textBlock;
            }
            if (l.length() > JavaText.WIDTH) {
                problems.add(name + " line " + (i + 1) + " is " + l.length() + " characters long: " + l.strip());
            }
            if (l.contains("\t") || !l.equals(l.stripTrailing())) {
                problems.add(name + " line " + (i + 1) + " has a tab or trailing spaces");
            }
            boolean aligned = l.stripLeading().startsWith("*") || l.stripLeading().startsWith("ResultSet resultSet =");
            if ((l.length() - l.stripLeading().length()) % 4 != 0 && !content && !aligned) {
                problems.add(name + " line " + (i + 1) + " is not indented by a multiple of four: " + l);
            }
            if (l.startsWith("import static ")) {
                staticImports.add(l.substring(14, l.length() - 1));
            } else if (l.startsWith("import ")) {
                imports.add(l.substring(7, l.length() - 1));
            }
        }
        for (List<String> group : List.of(imports, staticImports)) {
            List<String> sorted = new ArrayList<>(group);
            java.util.Collections.sort(sorted);
            if (!sorted.equals(group)) {
                problems.add(name + ": imports are not sorted");
            }
        }
        String body = source.substring(source.indexOf("public final class"));
        List<String> all = new ArrayList<>(imports);
        all.addAll(staticImports);
        for (String imp : all) {
            String simple = imp.substring(imp.lastIndexOf('.') + 1);
            if (!java.util.regex.Pattern.compile("\\b" + simple + "\\b").matcher(body).find()) {
                problems.add(name + ": unused import " + imp);
            }
        }
        return problems;
    }

    /** The query's public method (the one that is not a stream variant or a helper). */
    static Method queryMethod(Class<?> c) {
        return publicMethods(c).stream().filter(m -> !m.getName().startsWith("stream")
                && !m.getName().startsWith("register")).findFirst()
                .orElseThrow(() -> new AssertionError("no query method in " + c.getName()));
    }

    static Optional<Method> streamMethod(Class<?> c) {
        return publicMethods(c).stream().filter(m -> m.getName().startsWith("stream")).findFirst();
    }

    static Optional<Method> registerRegexp(Class<?> c) {
        return publicMethods(c).stream().filter(m -> m.getName().equals("registerRegexp")).findFirst();
    }

    /** The SQLite functions a class asks its caller to register ({@code registerRegexp}, {@code registerTimestampDiff}). */
    static List<Method> registrations(Class<?> c) {
        return publicMethods(c).stream().filter(m -> m.getName().startsWith("register")).toList();
    }

    private static List<Method> publicMethods(Class<?> c) {
        List<Method> out = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * What generated code returned, as the engine's JSON: records become objects keyed by component (or arrays,
     * for values_list tuples), lists arrays, Optional its value or null, scalars as {@link ResultJson} writes them.
     */
    static JsonNode toJson(Object v, boolean tuples) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Optional<?> o) {
            return toJson(o.orElse(null), tuples);
        }
        if (v instanceof List<?> l) {
            ArrayNode a = F.arrayNode();
            l.forEach(x -> a.add(toJson(x, tuples)));
            return a;
        }
        if (v instanceof Record r) {
            ObjectNode o = F.objectNode();
            ArrayNode a = F.arrayNode();
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                Object value;
                try {
                    Method accessor = rc.getAccessor();
                    accessor.setAccessible(true);
                    value = accessor.invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                o.set(rc.getName(), toJson(value, false));
                a.add(toJson(value, false));
            }
            return tuples ? a : o;
        }
        if (v instanceof java.time.OffsetDateTime odt) {
            // the export's OffsetDateTime/Instant flavours: eval writes the same instant as its UTC wall time
            return ResultJson.toJson(odt.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime());
        }
        if (v instanceof java.time.Instant i) {
            return ResultJson.toJson(java.time.LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC));
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toJson(x, false)));
            return o;
        }
        return ResultJson.toJson(v);
    }

    /** The engine's JSON with object keys as the generated records name them ({@code author_id} → authorId). */
    static JsonNode javaNames(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(Names.member(e.getKey()), javaNames(e.getValue()));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = F.arrayNode();
            node.forEach(x -> a.add(javaNames(x)));
            return a;
        }
        return node;
    }
}
