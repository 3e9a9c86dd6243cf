/** Django text for the editor and the export preview: layout, wrapping, error location. */
package studio.queryset.design.text;
