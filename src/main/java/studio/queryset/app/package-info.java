/** The JavaFX desktop app, in feature folders; the entry point (StudioApp) lives here. */
package studio.queryset.app;
