/** The SQL tab: the statements of the current query, their parameters and the SQL a selected node wrote. */
package studio.queryset.app.sqlpanel;
