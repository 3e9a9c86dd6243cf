package studio.queryset.app.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import studio.queryset.sql.CompiledQuery;

/**
 * Executes one compiled statement with its parameters bound (never spliced) and reads its rows. {@link
 * #cancel()} may be called from any thread: it cancels the running JDBC statement and stops the row loop.
 */
public final class StatementRunner {
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private volatile boolean cancelled;

    public ResultTable execute(Connection connection, CompiledQuery query, int maxRows) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = connection.prepareStatement(query.sql())) {
            running.set(ps);
            checkCancelled();
            for (int i = 0; i < query.params().size(); i++) {
                ps.setObject(i + 1, query.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    checkCancelled();
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
                return new ResultTable(columns, rows, (System.nanoTime() - start) / 1e6, truncated);
            }
        } catch (SQLException e) {
            checkCancelled();
            throw e;
        } finally {
            running.set(null);
        }
    }

    public void cancel() {
        cancelled = true;
        Statement s = running.get();
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // the statement finished or closed meanwhile; the flag stops the row loop
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private void checkCancelled() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }
}
