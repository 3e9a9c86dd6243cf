/** The results grids: a run's rows laid out as columns, streamed rows, related rows, and result export. */
package studio.queryset.app.results;
