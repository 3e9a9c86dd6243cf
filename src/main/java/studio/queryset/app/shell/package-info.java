/** The main window: its layout, menus, toolbar, status line, problems, shortcuts, theme, settings and window state. */
package studio.queryset.app.shell;
