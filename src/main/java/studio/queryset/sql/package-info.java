/** Compiling a QuerySet to SQL: Django's Query verbs, the renderer, lookup and function registries. */
package studio.queryset.sql;
