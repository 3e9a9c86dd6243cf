/** The lessons in the window: the docked lesson panel, its view-model and the Help menu of lessons. */
package studio.queryset.app.lessons;
