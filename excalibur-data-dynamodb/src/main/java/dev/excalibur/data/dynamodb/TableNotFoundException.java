package dev.excalibur.data.dynamodb;

import dev.excalibur.data.InternalApi;
import org.jspecify.annotations.Nullable;

/** The table the provider works on does not exist (a configuration error, never "document not found"). */
public final class TableNotFoundException extends DynamoDbPersistenceException {

    private static final long serialVersionUID = 1L;

    private final String tableName;

    /**
     * The table {@code tableName} was not found by {@code operation}.
     *
     * @param cause the service's {@code ResourceNotFoundException}, or null
     */
    public TableNotFoundException(String operation, String tableName, @Nullable Throwable cause) {
        this(operation, tableName, operation + " failed: table '" + tableName + "' does not exist", cause);
    }

    /** The table {@code tableName} was not found by {@code operation}, with the message to show. */
    @InternalApi
    public TableNotFoundException(String operation, String tableName, String message, @Nullable Throwable cause) {
        super(operation, 400, "ResourceNotFoundException", message, cause);
        this.tableName = tableName;
    }

    /** The missing table, prefix included. */
    public String tableName() {
        return tableName;
    }
}
