package studio.queryset.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyToken;

/**
 * The module-level {@code NAME = ...} statements that matter to models: names bound to a model reference, which
 * later targets and bases may use, and models made by a call from an abstract model.
 */
final class ModuleAssignments {
    private final ModelsPyImporter source;
    /**
     * Module-level names bound to a model reference ({@code User = get_user_model()}, {@code USER = "auth.User"},
     * {@code user_model_name = get_user_model_name()}): the target they mean, as a relation target string.
     */
    private final Map<String, String> targetAliases = new LinkedHashMap<>();

    ModuleAssignments(ModelsPyImporter source) {
        this.source = source;
    }

    /** The relation target a module-level name is bound to, or null. */
    String targetAlias(String name) {
        return targetAliases.get(name);
    }

    /**
     * {@code NAME = get_user_model()} and the like at module level: later {@code ForeignKey(NAME)} or
     * {@code class X(NAME)} mean that model. Other module constants are not models and are left alone.
     */
    void read(ModelsPyImporter.Line line) {
        List<PyToken> t = line.tokens();
        if (t.size() < 3 || t.get(0).kind() != PyToken.Kind.NAME) {
            return;
        }
        PyNode value;
        try {
            value = source.parseValue(line, 2);
        } catch (SchemaException e) {
            return; // a module constant the parser does not model: not a model reference
        }
        String name = t.get(0).text();
        if (value instanceof PyNode.Call call && call.args().size() == 1 && PyNode.dotted(call.args().get(0)) != null
                && call.funcName() != null) {
            String arg = PyNode.dotted(call.args().get(0));
            ClassDecl base = source.resolveClass(arg);
            if (base != null && base.isModel && base.isAbstract) {
                source.madeModel(name, call.funcName(), base, line.number());
                return;
            }
            if (base == null && arg.substring(arg.lastIndexOf('.') + 1).startsWith("Abstract")) {
                source.warn(line.number(), name + " = " + call.funcName() + "(" + arg + "): " + arg + " is not in the "
                        + "imported files; if the call makes a model " + name + ", it is not imported (import the "
                        + "project folder to have it)");
                return;
            }
        }
        String dotted = PyNode.dotted(value);
        String target = null;
        if (value instanceof PyNode.Str str && ModelsPyImporter.MODEL_LABEL.matcher(str.value()).matches()) {
            target = str.value();
        } else if (dotted != null && dotted.endsWith("AUTH_USER_MODEL")) {
            target = "settings.AUTH_USER_MODEL";
        } else if (FieldFactory.isUserModelCall(value) || value instanceof PyNode.Call c
                && "getattr".equals(c.funcName())) {
            target = FieldFactory.targetOf(value);
        }
        if (target != null) {
            targetAliases.put(name, target);
        } else {
            targetAliases.remove(name); // rebound to something else
        }
    }
}
