package studio.queryset.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyToken;

/**
 * A model's {@code class Meta} as Django reads it: the options that change tables and queries (db_table, ordering,
 * abstract, proxy, app_label, default_related_name); the rest (verbose_name, indexes...) is left alone, and a value
 * the importer cannot evaluate is a warning saying what it assumed.
 */
final class MetaRules {
    private final ModelsPyImporter source;

    MetaRules(ModelsPyImporter source) {
        this.source = source;
    }

    void readMeta(ClassDecl decl, int from, int to) {
        for (int j = from; j < to; j++) {
            readMetaLine(decl, source.line(j));
        }
    }

    void readMetaLine(ClassDecl decl, ModelsPyImporter.Line line) {
        List<PyToken> t = line.tokens();
        if (t.size() < 3 || !t.get(1).is("=")) {
            return;
        }
        String key = t.get(0).text();
        if (!META_KEYS.contains(key)) {
            return; // verbose_name, indexes, constraints... do not change queries
        }
        PyNode value = source.parseValue(line, 2);
        String where = decl.name + ".Meta." + key;
        if (!(value instanceof PyNode.Str) && !(value instanceof PyNode.Const) && !key.equals("ordering")
                && !key.equals("get_latest_by")) {
            String assumed = switch (key) {
                case "db_table" -> "table " + decl.table();
                case "app_label" -> "app label " + decl.appLabel;
                case "abstract", "proxy" -> key + " = False";
                default -> "Django's default";
            };
            source.warn(line.number(), where + " is computed (" + PyNodeText.print(value).replace(
                    TolerantValue.UNREADABLE, "...") + "); the importer does not evaluate it and assumes " + assumed);
            return;
        }
        switch (key) {
            case "db_table" -> decl.dbTable = stringValue(value, line, "db_table");
            case "ordering" -> decl.ordering = stringList(decl, value, line);
            case "get_latest_by" -> decl.latestBy = latestBy(value, line);
            case "abstract" -> decl.isAbstract = value instanceof PyNode.Const c && c.text().equals("True");
            case "proxy" -> decl.isProxy = value instanceof PyNode.Const c && c.text().equals("True");
            case "app_label" -> decl.appLabel = stringValue(value, line, "app_label");
            default -> decl.defaultRelatedName = stringValue(value, line, "default_related_name");
        }
    }

    private String stringValue(PyNode value, ModelsPyImporter.Line line, String what) {
        if (value instanceof PyNode.Str s) {
            return s.value();
        }
        throw source.error(what + " must be a string literal", line.number());
    }

    private static final Set<String> META_KEYS = Set.of("db_table", "ordering", "abstract", "proxy", "app_label",
            "default_related_name", "get_latest_by");

    /** {@code get_latest_by = "field"} or a list of field names ("-field" descending), as Django takes it. */
    private List<String> latestBy(PyNode value, ModelsPyImporter.Line line) {
        List<PyNode> items = value instanceof PyNode.Str ? List.of(value) : value instanceof PyNode.ListLit l
                ? l.items() : value instanceof PyNode.TupleLit t ? t.items() : null;
        List<String> out = new ArrayList<>();
        for (PyNode item : items == null ? List.<PyNode>of() : items) {
            if (!(item instanceof PyNode.Str s)) {
                items = null;
                break;
            }
            out.add(s.value());
        }
        if (items == null) {
            throw source.error("Meta.get_latest_by must be a field name or a list of field names (string literals)",
                    line.number());
        }
        return out;
    }

    private List<String> stringList(ClassDecl decl, PyNode value, ModelsPyImporter.Line line) {
        List<PyNode> items;
        if (value instanceof PyNode.ListLit l) {
            items = l.items();
        } else if (value instanceof PyNode.TupleLit tl) {
            items = tl.items();
        } else if (value instanceof PyNode.Str s) {
            return List.of(s.value());
        } else {
            throw source.error("Meta.ordering must be a list of field names", line.number());
        }
        List<String> out = new ArrayList<>();
        for (PyNode item : items) {
            if (item instanceof PyNode.Str s) {
                out.add(s.value());
            } else if (item instanceof PyNode.Call || TolerantValue.isUnreadable(item)) {
                // Lower("name"), F("x").asc(): an expression ordering the compiler cannot apply from a models file
                source.warn(line.number(), decl.name + ".Meta.ordering: " + PyNodeText.print(item).replace(
                        TolerantValue.UNREADABLE, "...") + " is an expression; left out of the default ordering");
            } else {
                throw source.error("Meta.ordering entries must be a string literal", line.number());
            }
        }
        return out;
    }
}
