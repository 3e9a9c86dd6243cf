/** Running the window's queries on its database: the worker, cancel, the last result and the query log. */
package studio.queryset.app.session;
