/** The open design document: files, atomic save, autosave and recovery, exports and the samples gallery dialog. */
package studio.queryset.app.document;
