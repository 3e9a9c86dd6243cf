package studio.queryset.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.pytext.PyToken;

/**
 * What a module's import statements bind: names imported from modules, module aliases, star re-exports, and the
 * line of each import (for warnings about the module it names).
 */
final class ModuleImports {
    /** Local name to the dotted module path plus the name it comes from ({@code .base.Stamp}). */
    private final Map<String, String> names = new LinkedHashMap<>();
    /** {@code import a.b as c}: c to a.b; {@code import a.b}: a to a. */
    private final Map<String, String> moduleAliases = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    /** {@code from .x import *}: the modules whose names this one re-exports. */
    private final List<String> stars = new ArrayList<>();

    /** {@code from a.b import X as Y, Z}, {@code from . import x}, {@code import a.b as c, d}. */
    void read(List<PyToken> t, int line) {
        if (t.get(0).is("from")) {
            StringBuilder module = new StringBuilder();
            int k = 1;
            for (; k < t.size() && !t.get(k).is("import"); k++) {
                module.append(t.get(k).text());
            }
            String mod = module.toString();
            lines.putIfAbsent(mod, line);
            for (k++; k < t.size(); k++) {
                PyToken n = t.get(k);
                if (n.is("*")) {
                    stars.add(mod);
                    continue;
                }
                if (n.kind() != PyToken.Kind.NAME) {
                    continue;
                }
                String local = n.text();
                if (k + 2 < t.size() && t.get(k + 1).is("as")) {
                    local = t.get(k + 2).text();
                    k += 2;
                }
                names.put(local, mod.endsWith(".") ? mod + n.text() : mod + "." + n.text());
            }
            return;
        }
        for (int k = 1; k < t.size(); k++) {
            StringBuilder module = new StringBuilder();
            for (; k < t.size() && !t.get(k).is(",") && !t.get(k).is("as"); k++) {
                module.append(t.get(k).text());
            }
            String mod = module.toString();
            lines.putIfAbsent(mod, line);
            if (k + 1 < t.size() && t.get(k).is("as")) {
                moduleAliases.put(t.get(k + 1).text(), mod);
                k += 2;
            } else if (!mod.isEmpty()) {
                moduleAliases.put(mod.split("\\.")[0], mod.split("\\.")[0]);
            }
        }
    }

    /** The dotted path a name was imported as ({@code zerver.models.Realm}), or null. */
    String importOf(String name) {
        return names.get(name);
    }

    List<String> stars() {
        return stars;
    }

    boolean isModuleName(String name) {
        return moduleAliases.containsKey(name) || names.containsKey(name);
    }

    /** The module a name is bound to ({@code import a.b as name} or {@code from a import name}), or null. */
    String moduleNamed(String name) {
        return moduleAliases.getOrDefault(name, names.get(name));
    }

    /** The line importing {@code module} (or a name from it), or 0. */
    int importLine(String module) {
        Integer direct = lines.get(module);
        if (direct != null) {
            return direct;
        }
        for (Map.Entry<String, Integer> e : lines.entrySet()) {
            if (module.startsWith(e.getKey() + ".") || e.getKey().endsWith(module)) {
                return e.getValue();
            }
        }
        return 0;
    }

    /** The app label a module path names: {@code zerver.models} is zerver, {@code .base} the importing app. */
    static String appOfModule(String module, String ownApp) {
        if (module.startsWith("django.contrib.")) {
            return module.split("\\.")[2];
        }
        int dots = 0;
        while (dots < module.length() && module.charAt(dots) == '.') {
            dots++;
        }
        String[] parts = module.substring(dots).split("\\.");
        boolean relative = module.startsWith(".");
        for (int k = parts.length - 1; k > 0; k--) {
            if (parts[k].equals("models")) {
                return parts[k - 1];
            }
        }
        if (relative || parts[0].isEmpty() || parts[0].equals("models")) {
            return ownApp;
        }
        return parts[0];
    }
}
