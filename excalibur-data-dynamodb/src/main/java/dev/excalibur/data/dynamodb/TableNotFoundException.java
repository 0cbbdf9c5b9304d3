package dev.excalibur.data.dynamodb;

/** The table the provider works on does not exist (a configuration error, never "document not found"). */
public final class TableNotFoundException extends DynamoDbPersistenceException {

    private final String tableName;

    TableNotFoundException(String operation, String tableName, String message, Throwable cause) {
        super(operation, 400, "ResourceNotFoundException", message, cause);
        this.tableName = tableName;
    }

    /** The missing table, prefix included. */
    public String tableName() {
        return tableName;
    }
}
