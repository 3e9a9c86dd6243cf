package studio.queryset.design;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of the design file format's history: turns a file of version {@link #from()} into version
 * {@code from() + 1}, on the JSON tree, before anything reads it. Files are migrated step by step on open, so
 * each step only knows its two neighbouring versions; saving always writes the newest.
 */
interface DesignFileMigration {
    int from();

    ObjectNode migrate(ObjectNode file);
}
