/** What differs between databases: one DialectOps per database, its quoting, operators and emulations. */
package studio.queryset.sql.dialect;
