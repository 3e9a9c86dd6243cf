/** The Django text editor and the read-only code panels: syntax colouring and minimal text patches. */
package studio.queryset.app.editor;
