"""The history of changes (修改记录): every create, update and delete of the domain's records, kept in the
same transaction as the change, with its source (window, import of a file, command line, restore, demo)."""
