/** The public Java QuerySet API, the runtime that exported code depends on. */
package studio.queryset.api;
