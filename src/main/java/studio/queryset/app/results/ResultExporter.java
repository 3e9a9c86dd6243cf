package studio.queryset.app.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.BooleanSupplier;
import studio.queryset.app.connection.ConnectionTarget;
import studio.queryset.run.Connections;
import studio.queryset.run.QueryLog;
import studio.queryset.run.RowStream;
import studio.queryset.sql.SelectPlan;

/**
 * Exports a whole result — the query streamed again from the database, not the rows the grid holds — to CSV
 * (RFC 4180: a header line, fields quoted when they hold a comma, quote or line break; NULL as an empty
 * field) or JSON (an array of objects keyed by column; nested lists as arrays). Written to a temp file and
 * moved into place, so a failed or cancelled export leaves no half file. No JavaFX.
 */
public final class ResultExporter {
    public enum Format { CSV, JSON }

    private ResultExporter() {
    }

    /** Returns the rows written; {@code cancelled} is polled each row, {@code progress} every 1000 rows. */
    public static long export(ConnectionTarget target, SelectPlan plan, Map<String, Object> params, Format format,
                              Path file, LongConsumer progress, BooleanSupplier cancelled) throws IOException {
        RowFlattener flattener = new RowFlattener(plan);
        List<String> columns = flattener.columns();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        long n = 0;
        try {
            try (Connection conn = Connections.open(target.url(), false);
                 RowStream stream = RowStream.open(conn, target.dialect(), plan, StreamingRunModel.CHUNK, params,
                         new QueryLog());
                 BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                JsonGenerator json = null;
                if (format == Format.CSV) {
                    writeCsvLine(w, columns.toArray());
                } else {
                    json = new JsonFactory().createGenerator(w);
                    json.writeStartArray();
                }
                while (stream.hasNext()) {
                    if (cancelled.getAsBoolean()) {
                        throw new IOException("export cancelled");
                    }
                    Object[] row = flattener.flatten(stream.next());
                    if (json == null) {
                        writeCsvLine(w, row);
                    } else {
                        json.writeRaw(n == 0 ? "\n  " : "\n  ");
                        json.writeStartObject();
                        for (int i = 0; i < row.length; i++) {
                            json.writeFieldName(columns.get(i));
                            writeJson(json, row[i]);
                        }
                        json.writeEndObject();
                    }
                    n++;
                    if (n % 1000 == 0) {
                        progress.accept(n);
                    }
                }
                if (json != null) {
                    json.writeRaw("\n");
                    json.writeEndArray();
                    json.writeRaw("\n");
                    json.flush();
                }
            } catch (java.sql.SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            progress.accept(n);
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeCsvLine(Writer w, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvField(values[i]));
        }
        w.write("\r\n");
    }

    /** NULL is an empty field; the empty string is {@code ""} (so the two stay apart). */
    public static String csvField(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof RelatedObjects r ? r.describe().replace('\n', ';') : ResultValues.text(v);
        if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void writeJson(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number num) {
            g.writeNumber(num.doubleValue());
        } else if (v instanceof RelatedObjects r) {
            writeJson(g, r.items());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeJson(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeJson(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof TemporalAccessor) {
            g.writeString(v.toString());
        } else {
            g.writeString(ResultValues.text(v));
        }
    }
}
