/** Findings without a database: the ORM's classic traps (gotchas) found in a QuerySet before it runs. */
package studio.queryset.analysis;
