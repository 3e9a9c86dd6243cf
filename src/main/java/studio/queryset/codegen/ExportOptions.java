package studio.queryset.codegen;

import java.util.Locale;

/**
 * What a user chose for an export: the generator and the names. A null name (or flavour) means "derived":
 * the package from the models' app label, the class from the design's name, the method from what the query
 * does. Only choices are kept, so a derived name follows the design and the query when they change.
 */
public record ExportOptions(Flavour flavour, String packageName, String className, String methodName,
                            DateTimes dateTimes) {
    /** Nothing chosen: plain JDBC and every name derived. */
    public static final ExportOptions DERIVED = new ExportOptions(null, null, null, null, null);

    /**
     * The Java type a datetime (a {@code DateTimeField}, PostgreSQL's {@code timestamp with time zone}) is read
     * and bound as. Django with USE_TZ keeps them in UTC: {@link #LOCAL} is that UTC wall time, {@link #OFFSET}
     * the same instant at offset zero, {@link #INSTANT} the instant. {@link #id} is the CLI's
     * {@code --datetimes} value.
     */
    public enum DateTimes {
        LOCAL("local", "LocalDateTime (UTC wall time)"),
        OFFSET("offset", "OffsetDateTime (at UTC)"),
        INSTANT("instant", "Instant");

        private final String id;
        private final String label;

        DateTimes(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** The choice a {@code --datetimes} value names; the message lists the valid ones. */
        public static DateTimes parse(String id) {
            for (DateTimes d : values()) {
                if (d.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown datetime type '" + id + "'. Valid: local, offset, instant");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The generators; {@link #id} is the CLI's {@code --lang} value and the design file's. */
    public enum Flavour {
        JAVA_JDBC("java-jdbc", "Java — plain JDBC"),
        JAVA_API("java-api", "Java — QuerySet API"),
        PYTHON("python", "Python — Django");

        private final String id;
        private final String label;

        Flavour(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public boolean isJava() {
            return this != PYTHON;
        }

        /** The flavour a {@code --lang} value names; the message lists the valid ones. */
        public static Flavour parse(String id) {
            for (Flavour f : values()) {
                if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown export language '" + id
                    + "'. Valid: java-jdbc, java-api, python");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Names and flavour only; datetimes as today's {@link DateTimes#LOCAL}. */
    public ExportOptions(Flavour flavour, String packageName, String className, String methodName) {
        this(flavour, packageName, className, methodName, null);
    }

    public ExportOptions {
        packageName = blankToNull(packageName);
        className = blankToNull(className);
        methodName = blankToNull(methodName);
    }

    /** The chosen flavour, plain JDBC when none was chosen. */
    public Flavour flavourOrDefault() {
        return flavour == null ? Flavour.JAVA_JDBC : flavour;
    }

    /** The chosen datetime type, {@link DateTimes#LOCAL} when none was chosen. */
    public DateTimes dateTimesOrDefault() {
        return dateTimes == null ? DateTimes.LOCAL : dateTimes;
    }

    /** These choices with {@code d} as the datetime type (null: not chosen). */
    public ExportOptions withDateTimes(DateTimes d) {
        return new ExportOptions(flavour, packageName, className, methodName, d);
    }

    /** These choices, and {@code fallback}'s where this one made none (the command line over a design's). */
    public ExportOptions merged(ExportOptions fallback) {
        return new ExportOptions(flavour != null ? flavour : fallback.flavour(),
                packageName != null ? packageName : fallback.packageName(),
                className != null ? className : fallback.className(),
                methodName != null ? methodName : fallback.methodName(),
                dateTimes != null ? dateTimes : fallback.dateTimes());
    }

    public boolean isDerived() {
        return equals(DERIVED);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
