package studio.queryset.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import studio.queryset.run.Engine;
import studio.queryset.run.Evaluation;
import studio.queryset.run.LoggedStatement;
import studio.queryset.run.ResultJson;
import studio.queryset.schema.ImportWarning;

/**
 * One line of {@code eval} output, written as it is known: {@code {"expr", "result", "queries", "error",
 * "warnings"}}. Streamed rows go out as they are read, flushed every few hundred, so that a million rows take
 * constant memory and the first ones appear at once; the line ends with a newline and a flush, so a batch can be
 * driven line by line and a crash loses only the line being written.
 */
final class StreamedJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final int FLUSH_EVERY = 500;

    private final PrintStream out;
    private final JsonGenerator json;
    private boolean rowsStarted;
    private long rows;

    StreamedJson(PrintStream out, String expr) {
        this.out = out;
        try {
            this.json = FACTORY.createGenerator((OutputStream) out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("expr", expr);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A row of a streamed result. */
    void row(Object row) throws IOException {
        if (!rowsStarted) {
            json.writeArrayFieldStart("result");
            rowsStarted = true;
        }
        ResultJson.write(json, row);
        if (++rows % FLUSH_EVERY == 0) {
            json.flush();
        }
    }

    /** Ends the object; {@code at} is where in the text a failed evaluation's error is (null: no part of it). */
    void finish(Evaluation ev, studio.queryset.django.Span at, List<ImportWarning> warnings) throws IOException {
        boolean streamed = ev.result() instanceof Engine.Streamed;
        if (rowsStarted || streamed && !ev.failed()) {
            if (!rowsStarted) {
                json.writeArrayFieldStart("result");
            }
            json.writeEndArray();
        }
        json.writeArrayFieldStart("queries");
        for (LoggedStatement s : ev.statements()) {
            json.writeStartObject();
            json.writeStringField("sql", s.sql());
            json.writeFieldName("params");
            MAPPER.writeTree(json, ResultJson.params(s.params()));
            json.writeNumberField("ms", s.ms());
            json.writeNumberField("rows", s.rows());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (ev.failed()) {
            json.writeObjectFieldStart("error");
            json.writeStringField("kind", ev.errorKind());
            json.writeStringField("message", ev.errorMessage());
            if (at != null) {
                json.writeNumberField("position", at.start());
                json.writeNumberField("end", at.end());
            }
            json.writeEndObject();
        } else if (!streamed) {
            json.writeFieldName("result");
            MAPPER.writeTree(json, ResultJson.toJson(ev.result()));
        }
        if (!warnings.isEmpty()) {
            json.writeArrayFieldStart("warnings");
            for (ImportWarning w : warnings) {
                json.writeString(w.toString());
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.flush();
        out.println();
        out.flush();
    }
}
