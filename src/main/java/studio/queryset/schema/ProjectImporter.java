package studio.queryset.schema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports every app of a Django project folder (or one app folder, or a {@code models/} package): reads each app's
 * models modules, follows imports into the project's other modules for abstract bases, mixins and custom fields,
 * and links all models into one schema keyed as Django keys them.
 */
final class ProjectImporter implements ModelsPyImporter.ModuleResolver {
    private final ProjectLayout layout;
    private final String labelOverride;
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final Map<Path, ModelsPyImporter> modules = new LinkedHashMap<>();
    /** Modules read because an import named them, not because they are an app's models: their errors warn. */
    private final Set<Path> followed = new LinkedHashSet<>();

    private ProjectImporter(ProjectLayout layout, String labelOverride) {
        this.layout = layout;
        this.labelOverride = labelOverride;
    }

    static Schema importProject(Path dir, String labelOverride, SchemaLinker.AuthUserSetting userModel)
            throws IOException {
        ProjectLayout layout = ProjectLayout.discover(dir);
        if (userModel != null) {
            layout.authUser = userModel; // --user-model wins over the settings files
        }
        if (layout.apps.isEmpty()) {
            throw new SchemaException(dir.toString(), "no Django app found: no folder has a models.py or a "
                    + "models/__init__.py (virtualenvs, node_modules, site-packages, migrations, tests and hidden "
                    + "folders are not searched)", 0);
        }
        if (labelOverride != null && layout.apps.size() > 1) {
            throw new SchemaException(dir.toString(), "--app-label names the label of one app, but the folder has "
                    + layout.apps.size() + " apps; each takes its folder name or its apps.py label", 0);
        }
        return new ProjectImporter(layout, labelOverride).run();
    }

    private Schema run() {
        Set<String> labels = new LinkedHashSet<>();
        for (ProjectLayout.App app : layout.apps) {
            labels.add(label(app));
        }
        for (ProjectLayout.App app : layout.apps) {
            for (Path f : app.modelFiles()) {
                ModelsPyImporter m = open(f);
                try {
                    m.read();
                } catch (SchemaException e) {
                    // one unreadable file does not sink the project: its models are missing, and said so
                    warnings.add(new ImportWarning(shown(f), e.line(), e.detail() + "; the models of this file "
                            + "after that line are not imported"));
                }
            }
        }
        List<ClassDecl> concrete = new ArrayList<>();
        for (ModelsPyImporter m : modules.values()) {
            if (!m.declaredModels().isEmpty() && layout.appOf(m.path()) == null) {
                m.warn(m.declaredModels().get(0).line, "this file is in no app folder (no models.py beside it); "
                        + "its models " + String.join(", ", m.declaredModels().stream().map(c -> c.name).toList())
                        + " are given app label " + m.appLabel());
            }
            concrete.addAll(m.declaredModels());
        }
        warnings.addAll(0, layout.notes);
        if (layout.authUser != null && layout.authUser.line() > 0) {
            warnings.add(0, new ImportWarning(layout.authUser.file(), layout.authUser.line(),
                    "AUTH_USER_MODEL = \"" + layout.authUser.value() + "\": settings.AUTH_USER_MODEL and "
                            + "get_user_model() resolve to it"));
        }
        return new SchemaLinker(warnings, layout.authUser, labels, layout.settingValues).lenientTargets().link(concrete);
    }

    private String label(ProjectLayout.App app) {
        return labelOverride != null ? labelOverride : app.label();
    }

    private String shown(Path file) {
        return layout.base.relativize(file).toString();
    }

    private ModelsPyImporter open(Path file) {
        ModelsPyImporter m = modules.get(file);
        if (m != null) {
            return m;
        }
        ProjectLayout.App app = layout.appOf(file);
        String label = app != null ? label(app) : file.getParent().getFileName().toString();
        String text;
        try {
            text = SourceText.read(file, shown(file));
        } catch (IOException e) {
            throw new SchemaException(shown(file), "cannot read: " + e.getMessage(), 0);
        }
        m = new ModelsPyImporter(label, text, shown(file), shown(file), file, this, warnings);
        modules.put(file, m);
        return m;
    }

    @Override
    public ClassDecl userModel() {
        if (layout.authUser == null || !layout.authUser.value().matches("\\w+\\.\\w+")) {
            return null;
        }
        String[] appAndName = layout.authUser.value().split("\\.");
        for (ProjectLayout.App app : layout.apps) {
            if (!label(app).equals(appAndName[0])) {
                continue;
            }
            for (Path f : app.modelFiles()) {
                ModelsPyImporter m;
                try {
                    m = open(f);
                    m.read(); // a no-op when it is the one being read
                } catch (SchemaException e) {
                    continue; // warned when the project loop reads that file
                }
                ClassDecl c = m.findClass(appAndName[1]);
                if (c != null && c.isModel) {
                    return c;
                }
            }
        }
        return null;
    }

    @Override
    public ModelsPyImporter module(ModelsPyImporter from, String dottedModule) {
        Path file = dottedModule.startsWith(".") ? ProjectLayout.resolveRelative(from.path(), dottedModule)
                : layout.resolveAbsolute(dottedModule);
        if (file == null) {
            return null;
        }
        ModelsPyImporter m = open(file);
        if (layout.apps.stream().noneMatch(a -> a.modelFiles().contains(file))) {
            followed.add(file);
        }
        if (!m.finished()) {
            try {
                m.read();
            } catch (SchemaException e) {
                if (!followed.contains(file)) {
                    throw e;
                }
                from.warn(from.importLine(dottedModule), "cannot read " + shown(file) + " (imported here): " + e.getMessage()
                        + "; classes imported from it are unknown");
            }
        }
        return m;
    }
}
