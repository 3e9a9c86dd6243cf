/** Executing on JDBC: result shapes, stitching, streaming, cancel, timeouts, the write guard and the query log. */
package studio.queryset.run;
