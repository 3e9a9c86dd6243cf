package studio.queryset.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.OutColumn;

/** The streaming writer eval uses for rows gives, value for value, the JSON of the tree the contract defines. */
class ResultJsonWriteTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String written(Object v) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            ResultJson.write(g, v);
        }
        return out.toString();
    }

    @Test
    void everyKindOfValueIsWrittenAsItsTree() throws Exception {
        List<Object> scalars = Arrays.asList(null, "text \"quoted\" ünï\u2028", "", 0L, -7L, Long.MAX_VALUE, 3, true,
                false, 1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, new BigDecimal("1.50"), new BigDecimal("1E+3"),
                new BigDecimal("-0.000001"), LocalDateTime.of(2021, 3, 28, 1, 30), LocalDateTime.of(1, 1, 1, 0, 0, 0, 1000),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2020, 2, 29, 0, 0, 0, 500),
                LocalDate.of(44, 3, 15), LocalTime.of(7, 5), LocalTime.of(23, 59, 59, 123_456_000),
                Duration.ofSeconds(90), Duration.ofMillis(1500), UUID.fromString("12345678-1234-5678-1234-567812345678"),
                MAPPER.createObjectNode().put("k", 1));
        for (Object v : scalars) {
            assertThat(written(v)).as(String.valueOf(v)).isEqualTo(MAPPER.writeValueAsString(ResultJson.toJson(v)));
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("id", 1L);
        nested.put("values", new ArrayList<>(scalars));
        nested.put("author", Map.of("name", "x"));
        assertThat(written(List.of(nested, List.of()))).isEqualTo(
                MAPPER.writeValueAsString(ResultJson.toJson(List.of(nested, List.of()))));
    }

    @Test
    void aRowMapIsWrittenInItsOrderWithTheKeysAddedAfterTheColumns() throws Exception {
        List<OutColumn> cols = List.of(new OutColumn(List.of(), "id", ValueType.INTEGER, false),
                new OutColumn(List.of(), "at", ValueType.DATETIME, false));
        RowMap row = new RowMap(RowMap.Layout.of(cols), new Object[]{5L, LocalDateTime.of(2021, 1, 2, 3, 4, 5)});
        row.put("tags", List.of(Map.of("name", "a")));
        assertThat(written(row)).isEqualTo("{\"id\":5,\"at\":\"2021-01-02T03:04:05\",\"tags\":[{\"name\":\"a\"}]}")
                .isEqualTo(MAPPER.writeValueAsString(ResultJson.toJson(row)));
        assertThat(row.keySet()).containsExactly("id", "at", "tags");
    }
}
