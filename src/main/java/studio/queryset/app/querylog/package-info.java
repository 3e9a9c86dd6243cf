/** The query log: every executed statement, the N+1 counter, the naive-versus-optimized comparison and EXPLAIN. */
package studio.queryset.app.querylog;
