package studio.queryset.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import studio.queryset.pytext.PyNode;

/** Turns one {@code name = models.XField(...)} call into a {@link Field}. */
final class FieldFactory {

    private static final Map<String, ValueType> PLAIN = new TreeMap<>();

    static {
        for (String t : new String[] {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField",
            "BigIntegerField", "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
            "PositiveBigIntegerField"}) {
            PLAIN.put(t, ValueType.INTEGER);
        }
        PLAIN.put("FloatField", ValueType.FLOAT);
        PLAIN.put("DecimalField", ValueType.DECIMAL);
        PLAIN.put("BooleanField", ValueType.BOOLEAN);
        PLAIN.put("NullBooleanField", ValueType.BOOLEAN);
        for (String t : new String[] {"CharField", "TextField", "SlugField", "EmailField", "URLField",
            "FilePathField", "FileField", "ImageField", "GenericIPAddressField", "IPAddressField"}) {
            PLAIN.put(t, ValueType.TEXT);
        }
        PLAIN.put("DateField", ValueType.DATE);
        PLAIN.put("DateTimeField", ValueType.DATETIME);
        PLAIN.put("TimeField", ValueType.TIME);
        PLAIN.put("DurationField", ValueType.DURATION);
        PLAIN.put("UUIDField", ValueType.UUID);
        PLAIN.put("JSONField", ValueType.JSON);
        PLAIN.put("BinaryField", ValueType.TEXT);
        PLAIN.put("ArrayField", ValueType.JSON);
        PLAIN.put("HStoreField", ValueType.JSON);
        // django.contrib.gis: geometry and raster columns, read back as text (WKB/EWKB hex or WKT)
        for (String t : new String[] {"GeometryField", "PointField", "LineStringField", "PolygonField",
            "MultiPointField", "MultiLineStringField", "MultiPolygonField", "GeometryCollectionField",
            "RasterField"}) {
            PLAIN.put(t, ValueType.TEXT);
        }
    }

    /** Third-party field classes and what they are as columns. */
    static final Map<String, String> THIRD_PARTY = new TreeMap<>(Map.ofEntries(
            Map.entry("CountryField", "CharField"), Map.entry("MultiSelectField", "CharField"),
            Map.entry("MoneyField", "DecimalField"), Map.entry("AutoOneToOneField", "OneToOneField"),
            Map.entry("FlexibleForeignKey", "ForeignKey"), Map.entry("TreeForeignKey", "ForeignKey"),
            Map.entry("TreeOneToOneField", "OneToOneField"), Map.entry("TreeManyToManyField", "ManyToManyField"),
            Map.entry("PhoneNumberField", "CharField"),
            Map.entry("AutoCreatedField", "DateTimeField"), Map.entry("AutoLastModifiedField", "DateTimeField"),
            Map.entry("MonitorField", "DateTimeField"), Map.entry("StatusField", "CharField"),
            Map.entry("RichTextField", "TextField"), Map.entry("HTMLField", "TextField"),
            Map.entry("CICharField", "CharField"), Map.entry("CIEmailField", "EmailField"),
            Map.entry("CITextField", "TextField"), Map.entry("EnumIntegerField", "IntegerField"),
            Map.entry("EnumField", "CharField"), Map.entry("FilerImageField", "ForeignKey"),
            Map.entry("FilerFileField", "ForeignKey"), Map.entry("SortedManyToManyField", "ManyToManyField"),
            Map.entry("MeasurementField", "FloatField"), Map.entry("CreationDateTimeField", "DateTimeField"),
            Map.entry("ModificationDateTimeField", "DateTimeField"), Map.entry("SearchVectorField", "TextField"),
            Map.entry("TreeNodeForeignKey", "ForeignKey"), Map.entry("ParentalKey", "ForeignKey"),
            Map.entry("ParentalManyToManyField", "ManyToManyField"), Map.entry("StreamField", "JSONField"),
            Map.entry("ColorField", "CharField"), Map.entry("VersatileImageField", "ImageField"),
            Map.entry("ThumbnailerImageField", "ImageField"), Map.entry("ShortUUIDField", "CharField"),
            Map.entry("EncryptedCharField", "CharField"), Map.entry("EncryptedTextField", "TextField"),
            Map.entry("MarkdownxField", "TextField"), Map.entry("CurrencyField", "CharField"),
            Map.entry("TimeZoneField", "CharField"), Map.entry("LanguageField", "CharField"),
            Map.entry("SlugField", "SlugField"), Map.entry("AutoSlugField", "SlugField"),
            // django-tagging's TagField is a CharField of tag names; django-picklefield stores text;
            // django-netfields' MACAddressField is a macaddr column read as text
            Map.entry("TagField", "CharField"), Map.entry("PickledObjectField", "TextField"),
            Map.entry("FilerFolderField", "ForeignKey"), Map.entry("MACAddressField", "CharField")));

    /** Target of field classes that are foreign keys to a fixed model (django-filer). */
    static String implicitTarget(String fieldClass) {
        return switch (fieldClass) {
            case "FilerImageField" -> "filer.Image";
            case "FilerFileField" -> "filer.File";
            case "FilerFolderField" -> "filer.Folder";
            default -> null;
        };
    }

    /** The Django field class {@code type} is or behaves as, or null when unknown. */
    static String known(String type) {
        if (PLAIN.containsKey(type) || type.equals("ForeignKey") || type.equals("OneToOneField")
                || type.equals("ManyToManyField") || type.equals("GeneratedField")) {
            return type;
        }
        return THIRD_PARTY.get(type);
    }

    static boolean isRelation(String type) {
        return type.equals("ForeignKey") || type.equals("OneToOneField") || type.equals("ManyToManyField");
    }

    private FieldFactory() {
    }

    static Field create(String appLabel, String modelName, String name, String type, PyNode.Call call, int line) {
        switch (type) {
            case "ForeignKey", "OneToOneField", "ManyToManyField" -> {
                return relation(modelName, name, type, call, line);
            }
            case "GeneratedField" -> {
                return generated(modelName, name, call, line);
            }
            default -> {
                ValueType vt = PLAIN.get(type);
                if (vt == null) {
                    throw new SchemaException(modelName + "." + name + ": unknown field type '" + type
                            + "'. Known types: " + String.join(", ", PLAIN.keySet())
                            + ", ForeignKey, OneToOneField, ManyToManyField, GeneratedField", line);
                }
                boolean pk = flag(call, "primary_key");
                return new Field(name, column(call, name, line), type, vt, flag(call, "null"),
                        pk || flag(call, "unique") || type.endsWith("AutoField"), pk || type.endsWith("AutoField"),
                        intArg(call, "max_length", line), null, null, line, defaultOf(call));
            }
        }
    }

    /** The node naming a relation field's target: its first argument or {@code to=}. */
    static PyNode targetNode(PyNode.Call call) {
        return call.args().isEmpty() ? call.keyword("to") : call.args().get(0);
    }

    /**
     * A call that means the user model: {@code get_user_model()}, and the helpers projects write around the
     * setting ({@code get_user_model_name()}, {@code get_user_model_path()}, {@code user_model_label()}).
     */
    static boolean isUserModelCall(PyNode node) {
        if (!(node instanceof PyNode.Call c) || c.funcName() == null || !c.args().isEmpty()) {
            return false;
        }
        String f = c.funcName().substring(c.funcName().lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return f.contains("user_model");
    }

    /** The target a relation field's target node names, or null when it is computed some other way. */
    static String targetOf(PyNode to) {
        if (to instanceof PyNode.Str s) {
            return s.value();
        }
        if (to != null && PyNode.dotted(to) != null) {
            return PyNode.dotted(to);
        }
        if (isUserModelCall(to)) {
            return "settings.AUTH_USER_MODEL";
        }
        if (to instanceof PyNode.Call c && "getattr".equals(c.funcName()) && c.args().size() >= 2
                && c.args().get(1) instanceof PyNode.Str setting) {
            // getattr(settings, "X_MODEL", "app.Model"): the setting, with its default after '='
            return "settings." + setting.value() + (c.args().size() > 2 && c.args().get(2) instanceof PyNode.Str d
                    ? "=" + d.value() : "");
        }
        if (to instanceof PyNode.Call c && c.funcName() != null && c.funcName().endsWith("get_model_name")
                && c.args().size() == 2 && c.args().get(0) instanceof PyNode.Str a
                && c.args().get(1) instanceof PyNode.Str b) {
            return a.value() + "." + b.value();
        }
        return null;
    }

    private static Field relation(String modelName, String name, String type, PyNode.Call call, int line) {
        String target = targetOf(targetNode(call));
        if (target == null) {
            throw new SchemaException(modelName + "." + name + ": " + type
                    + " needs its target model as the first argument", line);
        }
        RelationKind kind = switch (type) {
            case "ForeignKey" -> RelationKind.FOREIGN_KEY;
            case "OneToOneField" -> RelationKind.ONE_TO_ONE;
            default -> RelationKind.MANY_TO_MANY;
        };
        String through = null;
        PyNode throughNode = call.keyword("through");
        if (throughNode instanceof PyNode.Str s) {
            through = s.value();
        } else if (throughNode != null) {
            through = PyNode.dotted(throughNode);
        }
        String onDelete = "CASCADE";
        PyNode od = call.keyword("on_delete");
        if (od != null && PyNode.dotted(od) != null) {
            String handler = PyNode.dotted(od);
            onDelete = handler.substring(handler.lastIndexOf('.') + 1);
        } else if (od instanceof PyNode.Call set && set.funcName() != null && (set.funcName().equals("SET")
                || set.funcName().endsWith(".SET"))) {
            onDelete = "SET"; // models.SET(value or callable): sets the column, like SET_DEFAULT
        } else if (od != null) {
            throw new SchemaException(modelName + "." + name + ": on_delete must be one of models.CASCADE, PROTECT, "
                    + "RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING", line);
        }
        // through_fields=("source", "target"): until the linker reads the through model, the two column slots
        // hold those field names
        String[] throughFields = throughFields(call, modelName + "." + name, line);
        Relation rel = new Relation(kind, target, str(call, "related_name", line), str(call,
                "related_query_name", line), through,
                kind == RelationKind.MANY_TO_MANY ? str(call, "db_table", line) : null, throughFields[0],
                throughFields[1], onDelete, kind == RelationKind.MANY_TO_MANY ? null : str(call, "to_field", line));
        if (kind == RelationKind.MANY_TO_MANY) {
            return new Field(name, null, type, ValueType.INTEGER, false, false, false, 0, null, rel, line);
        }
        String column = call.keyword("db_column") != null ? str(call, "db_column", line) : name + "_id";
        boolean pk = flag(call, "primary_key");
        return new Field(name, column, type, ValueType.INTEGER, flag(call, "null"),
                pk || kind == RelationKind.ONE_TO_ONE || flag(call, "unique"), pk, 0, null, rel, line);
    }

    private static String[] throughFields(PyNode.Call call, String where, int line) {
        PyNode node = call.keyword("through_fields");
        if (node == null) {
            return new String[2];
        }
        List<PyNode> items = node instanceof PyNode.TupleLit t ? t.items() : node instanceof PyNode.ListLit l
                ? l.items() : List.of();
        if (items.size() != 2 || !(items.get(0) instanceof PyNode.Str a) || !(items.get(1) instanceof PyNode.Str b)) {
            throw new SchemaException(where + ": through_fields must be two field names of the through model, "
                    + "e.g. through_fields=(\"group\", \"person\")", line);
        }
        return new String[] {a.value(), b.value()};
    }

    private static Field generated(String modelName, String name, PyNode.Call call, int line) {
        PyNode expression = call.keyword("expression");
        PyNode output = call.keyword("output_field");
        if (expression == null || !(output instanceof PyNode.Call outCall) || outCall.funcName() == null) {
            throw new SchemaException(modelName + "." + name
                    + ": GeneratedField needs expression= and output_field=models.XField()", line);
        }
        String outType = outCall.funcName().substring(outCall.funcName().lastIndexOf('.') + 1);
        ValueType vt = PLAIN.get(outType);
        if (vt == null) {
            throw new SchemaException(modelName + "." + name + ": unknown output_field type '" + outType + "'",
                    line);
        }
        return new Field(name, column(call, name, line), "GeneratedField", vt, true, false, false, 0,
                PyNodeText.print(expression), null, line);
    }

    /** default=..., auto_now / auto_now_add, as create() will need them. */
    private static FieldDefault defaultOf(PyNode.Call call) {
        if (flag(call, "auto_now") || flag(call, "auto_now_add")) {
            return new FieldDefault(FieldDefault.Kind.NOW, null, "auto_now");
        }
        PyNode d = call.keyword("default");
        if (d == null) {
            return null;
        }
        if (d instanceof PyNode.Str str) {
            return new FieldDefault(FieldDefault.Kind.LITERAL, str.value(), str.raw());
        }
        if (d instanceof PyNode.Num num) {
            return new FieldDefault(FieldDefault.Kind.LITERAL, numberValue(num.text()), num.text());
        }
        if (d instanceof PyNode.Const c) {
            Object v = c.text().equals("True") ? Boolean.TRUE : c.text().equals("False") ? Boolean.FALSE : null;
            return new FieldDefault(FieldDefault.Kind.LITERAL, v, c.text());
        }
        if (d instanceof PyNode.UnaryOp u && u.operand() instanceof PyNode.Num num && u.op().equals("-")) {
            Object v = numberValue(num.text());
            Object negative = v instanceof Long l ? (Object) Long.valueOf(-l) : v instanceof java.math.BigInteger b
                    ? (Object) b.negate() : v instanceof Double x ? (Object) Double.valueOf(-x) : "-" + v;
            return new FieldDefault(FieldDefault.Kind.LITERAL, negative, "-" + num.text());
        }
        String src = PyNodeText.print(d);
        if (src.endsWith("now") || src.endsWith("now()")) {
            return new FieldDefault(FieldDefault.Kind.NOW, null, src);
        }
        if (src.endsWith("uuid4")) {
            return new FieldDefault(FieldDefault.Kind.UUID4, null, src);
        }
        if (src.equals("dict") || src.equals("list")) {
            return new FieldDefault(FieldDefault.Kind.LITERAL, src.equals("dict") ? "{}" : "[]", src);
        }
        return new FieldDefault(FieldDefault.Kind.UNKNOWN, null, src);
    }

    /**
     * A Python number literal's value as Python reads it: hex/octal/binary, underscores, integers of any size
     * (Long when they fit, else BigInteger), floats; a complex literal stays its text.
     */
    static Object numberValue(String text) {
        String t = text.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("j")) {
            return text;
        }
        if (!t.isEmpty() && t.length() <= 18 && digitsOnly(t)) {
            return Long.parseLong(t); // max_length=200: no BigInteger for what a long holds
        }
        java.math.BigInteger value;
        if (t.startsWith("0x")) {
            value = new java.math.BigInteger(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
            value = new java.math.BigInteger(t.substring(2), 8);
        } else if (t.startsWith("0b")) {
            value = new java.math.BigInteger(t.substring(2), 2);
        } else if (!t.isEmpty() && digitsOnly(t)) {
            value = new java.math.BigInteger(t);
        } else {
            return Double.parseDouble(t);
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static boolean digitsOnly(String t) {
        for (int k = 0; k < t.length(); k++) {
            if (t.charAt(k) < '0' || t.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String column(PyNode.Call call, String name, int line) {
        String c = str(call, "db_column", line);
        return c != null ? c : name;
    }

    private static boolean flag(PyNode.Call call, String key) {
        return call.keyword(key) instanceof PyNode.Const c && c.text().equals("True");
    }

    private static String str(PyNode.Call call, String key, int line) {
        PyNode v = call.keyword(key);
        if (v == null || v instanceof PyNode.Const) {
            return null;
        }
        if (v instanceof PyNode.Str s) {
            return s.value();
        }
        if (PyNode.dotted(v) != null || v instanceof PyNode.Call || v instanceof PyNode.BinOp) {
            return null; // a constant or expression the importer cannot evaluate: Django's default applies
        }
        throw new SchemaException(key + " must be a string literal", line);
    }

    private static int intArg(PyNode.Call call, String key, int line) {
        PyNode v = call.keyword(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof PyNode.Num n && numberValue(n.text()) instanceof Long) {
            Object number = numberValue(n.text());
            if (number instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
                return (int) (long) l;
            }
            throw new SchemaException(key + " must be a non-negative integer of at most " + Integer.MAX_VALUE
                    + "; got " + n.text(), line);
        }
        if (PyNode.dotted(v) != null || v instanceof PyNode.Call || v instanceof PyNode.BinOp) {
            return 0; // max_length=SOME_CONSTANT: irrelevant to the SQL
        }
        throw new SchemaException(key + " must be an integer literal", line);
    }
}
