package studio.queryset.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Django apps under a folder: every folder with a {@code models.py} or a {@code models/} package is an app,
 * labelled by its folder name or the {@code label} of its {@code apps.py} AppConfig; plus the project's Python
 * files by module path (to follow imports) and {@code AUTH_USER_MODEL} from a settings file.
 */
final class ProjectLayout {

    /** An app: its label, its folder, its models modules ({@code models.py} or the package's files). */
    record App(String label, Path dir, List<Path> modelFiles) { }

    /** Folders that are never the project's own apps: environments, packages, caches, migrations and tests. */
    private static final Set<String> SKIPPED = Set.of("node_modules", "site-packages", "dist-packages",
            "migrations", "tests", "__pycache__", "venv", "env", "virtualenv", "build", "dist");
    private static final Pattern LABEL = Pattern.compile("(?m)^[ \\t]+label\\s*=\\s*['\"]([\\w.]+)['\"]");
    private static final Pattern SETTING = Pattern.compile(
            "(?m)^\\s*['\"]?([A-Z][A-Z0-9_]*)['\"]?\\s*[:=]\\s*['\"]([A-Za-z_]\\w*\\.[A-Za-z_]\\w*)['\"]");
    /** {@code [NAME =] getattr(settings, "SETTING", "app.Model")}; the settings object may be an alias. */
    private static final Pattern GETATTR = Pattern.compile("(?m)(?:^[ \\t]*([A-Z][A-Z0-9_]*)\\s*=\\s*)?"
            + "getattr\\(\\s*\\w*settings\\s*,\\s*['\"]([A-Z][A-Z0-9_]*)['\"]\\s*,"
            + "\\s*['\"]([A-Za-z_]\\w*\\.[A-Za-z_]\\w*)['\"]");
    private static final Pattern AUTH_USER = Pattern.compile("(?m)^AUTH_USER_MODEL\\s*=\\s*['\"]([\\w.]+)['\"]");

    final Path base;
    final List<App> apps = new ArrayList<>();
    /** Every Python file of the project by dotted module path relative to {@link #base}. */
    final Map<String, Path> modulesByName = new LinkedHashMap<>();
    SchemaLinker.AuthUserSetting authUser;
    /** {@code NAME = "app.Model"} (or {@code "NAME": "app.Model"}) in settings/conf modules: swappable targets. */
    final Map<String, String> settingValues = new LinkedHashMap<>();
    private final Map<String, Path> resolved = new HashMap<>();
    /** What discovering the apps assumed (nested packages folded into their app), for the import's warnings. */
    final List<ImportWarning> notes = new ArrayList<>();

    private ProjectLayout(Path base) {
        this.base = base;
    }

    /** A project root, an app folder or a {@code models/} package. */
    static ProjectLayout discover(Path input) throws IOException {
        Path dir = input.toAbsolutePath().normalize();
        boolean modelsPackage = dir.getFileName() != null && dir.getFileName().toString().equals("models")
                && Files.isRegularFile(dir.resolve("__init__.py"));
        Path appDir = modelsPackage ? dir.getParent() : dir;
        boolean singleApp = modelsPackage || isApp(dir);
        Path base = singleApp && appDir.getParent() != null ? appDir.getParent() : dir;
        ProjectLayout layout = new ProjectLayout(base);
        List<Path> pyFiles = new ArrayList<>();
        List<Path> appDirs = new ArrayList<>();
        // an app imported alone still follows imports into its project (the folder holding it), apps aside
        walk(base, pyFiles, appDirs);
        for (Path f : pyFiles) {
            layout.modulesByName.put(moduleName(base, f), f);
        }
        for (Path d : singleApp ? List.of(appDir) : appDirs) {
            layout.apps.add(new App(labelOf(d), d, modelFiles(d)));
        }
        if (!singleApp) {
            layout.foldNestedPackages(pyFiles);
        }
        layout.authUser = findAuthUser(base, pyFiles);
        // settings-like modules and the models modules: where swappable-model settings and defaults are written
        List<Path> scanned = new ArrayList<>();
        for (Path f : pyFiles) {
            String rel = base.relativize(f).toString();
            if (rel.contains("settings") || rel.contains("conf") || layout.apps.stream()
                    .anyMatch(a -> a.modelFiles().contains(f))) {
                scanned.add(f);
            }
        }
        layout.findSettingValues(scanned);
        return layout;
    }

    /**
     * Folds a folder with a models module that lies inside another app's package into that app when the settings'
     * INSTALLED_APPS names the outer app but not the folder (and the folder has no apps.py): Django labels a model
     * by the installed app whose package holds its module, so {@code dojo/product/models.py} makes
     * {@code dojo_product}, not {@code product_product}. Without an INSTALLED_APPS nothing is folded.
     */
    private void foldNestedPackages(List<Path> pyFiles) throws IOException {
        Path settingsFile = null;
        StringBuilder settings = new StringBuilder();
        for (Path f : pyFiles) {
            if (base.relativize(f).toString().contains("settings")) {
                String text = SourceText.read(f, f.toString());
                if (text.contains("INSTALLED_APPS")) {
                    settingsFile = settingsFile == null ? f : settingsFile;
                    settings.append(text).append('\n');
                }
            }
        }
        if (settingsFile == null) {
            return;
        }
        Map<Path, List<String>> foldedInto = new LinkedHashMap<>();
        for (App inner : List.copyOf(apps)) {
            App outer = enclosingApp(inner);
            if (outer == null || Files.isRegularFile(inner.dir().resolve("apps.py"))
                    || installed(settings, inner.dir()) || !installed(settings, outer.dir())) {
                continue;
            }
            apps.remove(inner);
            App current = apps.stream().filter(a -> a.dir().equals(outer.dir())).findFirst().orElseThrow();
            List<Path> files = new ArrayList<>(current.modelFiles());
            files.addAll(inner.modelFiles());
            apps.set(apps.indexOf(current), new App(current.label(), current.dir(), List.copyOf(files)));
            foldedInto.computeIfAbsent(outer.dir(), k -> new ArrayList<>()).add(packageName(inner.dir()));
        }
        String shownSettings = base.relativize(settingsFile).toString();
        int line = lineOf(SourceText.read(settingsFile, shownSettings), "INSTALLED_APPS");
        for (Map.Entry<Path, List<String>> e : foldedInto.entrySet()) {
            notes.add(new ImportWarning(shownSettings, line, "INSTALLED_APPS names " + packageName(e.getKey())
                    + " but not " + String.join(", ", e.getValue()) + " (folders with a models module and no "
                    + "apps.py inside it): their models take app label " + labelOf(e.getKey()) + ", as Django "
                    + "labels a model by the installed app whose package holds its module"));
        }
    }

    /** The nearest other app whose folder holds this app's folder, or null. */
    private App enclosingApp(App inner) {
        App best = null;
        for (App a : apps) {
            if (a != inner && inner.dir().startsWith(a.dir())
                    && (best == null || a.dir().getNameCount() > best.dir().getNameCount())) {
                best = a;
            }
        }
        return best;
    }

    /** Whether the settings quote the folder's package ({@code "dojo.product"} or {@code "dojo.product.apps.X"}). */
    private static boolean installed(CharSequence settings, Path dir) {
        String name = packageName(dir);
        String text = settings.toString();
        for (String quote : List.of("\"", "'")) {
            if (text.contains(quote + name + quote) || text.contains(quote + name + ".apps.")) {
                return true;
            }
        }
        return false;
    }

    /** The dotted import name of a package folder: from the topmost folder of the chain with an __init__.py. */
    private static String packageName(Path dir) {
        List<String> parts = new ArrayList<>();
        Path d = dir;
        do {
            parts.add(0, d.getFileName().toString());
            d = d.getParent();
        } while (d != null && d.getFileName() != null && Files.isRegularFile(d.resolve("__init__.py")));
        return String.join(".", parts);
    }

    private static int lineOf(String text, String word) {
        int at = text.indexOf(word);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private static boolean isApp(Path dir) {
        return Files.isRegularFile(dir.resolve("models.py")) || Files.isRegularFile(dir.resolve("models/__init__.py"));
    }

    static boolean skipped(Path dir) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return name.startsWith(".") || SKIPPED.contains(name) || Files.isRegularFile(dir.resolve("pyvenv.cfg"));
    }

    private static void walk(Path dir, List<Path> pyFiles, List<Path> appDirs) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted(Comparator.comparing(Path::toString)).toList();
        }
        if (isApp(dir) && !dir.getFileName().toString().equals("models")) {
            appDirs.add(dir);
        }
        for (Path c : children) {
            if (Files.isDirectory(c)) {
                if (!skipped(c)) {
                    walk(c, pyFiles, appDirs);
                }
            } else if (c.toString().endsWith(".py")) {
                pyFiles.add(c);
            }
        }
    }

    private static List<Path> modelFiles(Path app) throws IOException {
        if (Files.isRegularFile(app.resolve("models.py"))) {
            return List.of(app.resolve("models.py"));
        }
        List<Path> files = new ArrayList<>();
        List<Path> ignoredApps = new ArrayList<>();
        walk(app.resolve("models"), files, ignoredApps);
        // __init__ first: it usually imports the submodules in the order Django registers them
        files.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("__init__.py"))
                .thenComparing(Path::toString));
        return files;
    }

    /** The app label: {@code label = "..."} of the AppConfig in apps.py, else the folder name. */
    static String labelOf(Path app) throws IOException {
        for (String name : List.of("apps.py", "__init__.py", "config.py")) {
            Path f = app.resolve(name);
            if (Files.isRegularFile(f)) {
                String text = SourceText.read(f, f.toString());
                Matcher m = LABEL.matcher(text);
                if (text.contains("AppConfig") && m.find()) {
                    return m.group(1);
                }
            }
        }
        return app.getFileName().toString();
    }

    private static SchemaLinker.AuthUserSetting findAuthUser(Path base, List<Path> pyFiles) throws IOException {
        for (Path f : pyFiles) {
            if (!base.relativize(f).toString().contains("settings")) {
                continue;
            }
            String text = SourceText.read(f, f.toString());
            Matcher m = AUTH_USER.matcher(text);
            if (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(ch -> ch == '\n').count() + 1;
                return new SchemaLinker.AuthUserSetting(m.group(1), base.relativize(f).toString(), line);
            }
        }
        return null;
    }

    /** Settings files first (their values win), then app settings/conf modules and getattr defaults anywhere. */
    private void findSettingValues(List<Path> pyFiles) throws IOException {
        List<Path> ordered = new ArrayList<>(pyFiles);
        ordered.sort(Comparator.comparing((Path p) -> !base.relativize(p).toString().contains("settings")));
        for (Path f : ordered) {
            String rel = base.relativize(f).toString();
            boolean settingsLike = rel.contains("settings") || rel.contains("conf");
            String text = SourceText.read(f, rel);
            if (settingsLike) {
                Matcher m = SETTING.matcher(text);
                while (m.find()) {
                    settingValues.putIfAbsent(m.group(1), m.group(2));
                }
            }
            if (text.contains("getattr(")) {
                Matcher g = GETATTR.matcher(text);
                while (g.find()) {
                    settingValues.putIfAbsent(g.group(2), g.group(3));
                    if (g.group(1) != null) {
                        // GROUP_MODEL = getattr(settings, "WIKI_GROUP_MODEL", ...): the setting, else the default
                        settingValues.putIfAbsent(g.group(1), settingValues.get(g.group(2)));
                    }
                }
            }
        }
    }

    static String moduleName(Path base, Path file) {
        Path rel = base.relativize(file);
        List<String> parts = new ArrayList<>();
        for (Path p : rel) {
            parts.add(p.toString());
        }
        String last = parts.remove(parts.size() - 1);
        if (!last.equals("__init__.py")) {
            parts.add(last.substring(0, last.length() - 3));
        }
        return String.join(".", parts);
    }

    /**
     * The file of an absolute module path: exact, else the shortest module whose path ends with it (a project kept
     * under {@code src/} or a repository folder imports {@code shop.models}, stored as {@code src.shop.models}).
     */
    Path resolveAbsolute(String module) {
        return resolved.computeIfAbsent(module, m -> {
            Path exact = modulesByName.get(m);
            if (exact != null) {
                return exact;
            }
            String suffix = "." + m;
            return modulesByName.entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
                    .min(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
        });
    }

    /** The file of {@code .x} / {@code ..x.y} seen from {@code from}, or null. */
    static Path resolveRelative(Path from, String module) {
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') {
            dots++;
        }
        Path dir = from.getParent();
        for (int k = 1; k < dots && dir != null; k++) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return null;
        }
        String rest = module.substring(dots);
        Path target = rest.isEmpty() ? dir : dir.resolve(rest.replace('.', '/'));
        if (Files.isRegularFile(Path.of(target + ".py"))) {
            return Path.of(target + ".py");
        }
        Path init = target.resolve("__init__.py");
        return Files.isRegularFile(init) ? init : null;
    }

    /** The app a file belongs to: the deepest app folder holding it, or null. */
    App appOf(Path file) {
        App best = null;
        for (App a : apps) {
            if (file.startsWith(a.dir()) && (best == null || a.dir().getNameCount() > best.dir().getNameCount())) {
                best = a;
            }
        }
        return best;
    }
}
