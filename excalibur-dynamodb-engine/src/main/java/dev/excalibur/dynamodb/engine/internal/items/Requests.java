package dev.excalibur.dynamodb.engine.internal.items;

import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

/**
 * Checks shared by the data-plane operations, done before the table is looked up as the service does:
 * enum-valued parameters and the mixing of legacy and expression parameters. Internal to the engine.
 */
public final class Requests {

    private Requests() {
    }

    /** The request's ReturnConsumedCapacity (NONE when absent), or the service's enum constraint error. */
    public static ReturnConsumedCapacity consumedCapacity(ReturnConsumedCapacity value, String text) {
        if (text == null) {
            return ReturnConsumedCapacity.NONE;
        }
        if (value == ReturnConsumedCapacity.UNKNOWN_TO_SDK_VERSION) {
            throw validation(enumError(text, "returnConsumedCapacity", "[INDEXES, TOTAL, NONE]"));
        }
        return value;
    }

    /** The service's message for a value outside an enum's set. */
    public static String enumError(String value, String member, String allowed) {
        return "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed;
    }

    /** The service's message for a number below its minimum. */
    public static String minimumError(Object value, String member, long minimum) {
        return "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must have value greater than or equal to " + minimum;
    }

    /**
     * Refuses a request that mixes legacy parameters with expression parameters, naming both sets as the service does.
     */
    public static void refuseMixing(String legacy, String expressions) {
        if (!legacy.isEmpty() && !expressions.isEmpty()) {
            throw validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {"
                    + legacy + "} Expression parameters: {" + expressions + "}");
        }
    }

    /** The names of the present parameters, comma-separated, in the order given (name, present, name, present...). */
    public static String present(Object... namesAndPresence) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < namesAndPresence.length; i += 2) {
            if ((Boolean) namesAndPresence[i + 1]) {
                joined.append(joined.length() == 0 ? "" : ", ").append(namesAndPresence[i]);
            }
        }
        return joined.toString();
    }
}
