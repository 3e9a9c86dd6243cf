/** Choosing a database: the connection dialog, remembered passwords in the keyring, where the schema comes from. */
package studio.queryset.app.connection;
