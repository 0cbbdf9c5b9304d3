package dev.excalibur.data.dynamodb;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Binds the string keys of one configuration section to {@link DynamoDbOptions.Builder}: key names
 * ignore case, dashes and underscores; unknown keys and unreadable values become problems that
 * {@link DynamoDbOptions.Builder#build()} reports with every other.
 */
final class OptionsBinder {

    private OptionsBinder() {}

    /** Binds the keys of {@code section} ({@code Section.Key} or {@code Section:Key}); other keys are ignored. */
    static void bind(
            Map<String, ?> configuration, String section, DynamoDbOptions.Builder options, Consumer<String> problems) {
        String prefix = section.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, ?> entry : configuration.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.length() > prefix.length() + 1
                    && lower.startsWith(prefix)
                    && (lower.charAt(prefix.length()) == '.' || lower.charAt(prefix.length()) == ':')) {
                String option =
                        lower.substring(prefix.length() + 1).replace("-", "").replace("_", "");
                String value = entry.getValue() == null
                        ? null
                        : String.valueOf(entry.getValue()).trim();
                try {
                    if (!bind(options, option, value)) {
                        problems.accept("unknown option '" + key + "'");
                    }
                } catch (RuntimeException e) {
                    problems.accept("option '" + key + "' has an unreadable value '" + value + "': " + e.getMessage());
                }
            }
        }
    }

    /** Sets the option; false if there is no such option. */
    private static boolean bind(DynamoDbOptions.Builder options, String option, @Nullable String value) {
        switch (option) {
            case "name":
                options.name(value);
                break;
            case "region":
                options.region(value);
                break;
            case "serviceurl":
                options.serviceUrl(value);
                break;
            case "accesskey":
                options.accessKey(value);
                break;
            case "secretkey":
                options.secretKey(value);
                break;
            case "tablename":
            case "defaulttablename":
                options.tableName(value);
                break;
            case "tableprefix":
                options.tablePrefix(value);
                break;
            case "partitionkeyattribute":
            case "defaultpartitionkeyattribute":
                options.partitionKeyAttribute(value);
                break;
            case "sortkeyattribute":
            case "defaultsortkeyattribute":
                options.sortKeyAttribute(value);
                break;
            case "etagattribute":
                options.etagAttribute(value);
                break;
            case "useconsistentreads":
                options.useConsistentReads(parseBoolean(value));
                break;
            case "requesttimeout":
                options.requestTimeout(parseDuration(value, Duration::ofSeconds));
                break;
            case "timeoutinseconds":
                options.requestTimeout(Duration.ofSeconds(Long.parseLong(value)));
                break;
            case "maxretryattempts":
                options.maxRetryAttempts(Integer.parseInt(value));
                break;
            case "bulkconcurrency":
                options.bulkConcurrency(Integer.parseInt(value));
                break;
            case "retrybasedelay":
                options.retryBaseDelay(parseDuration(value, Duration::ofMillis));
                break;
            case "retrymaxdelay":
                options.retryMaxDelay(parseDuration(value, Duration::ofMillis));
                break;
            case "createtablesifmissing":
                options.createTablesIfMissing(parseBoolean(value));
                break;
            case "streamviewtype":
                options.streamViewType(parseStreamViewType(value));
                break;
            case "enablestreams":
                if (!parseBoolean(value)) {
                    options.streamViewType(null);
                }
                break;
            case "ttlattribute":
                options.ttlAttribute(value == null || value.isEmpty() ? null : value);
                break;
            default:
                return false;
        }
        return true;
    }

    private static boolean parseBoolean(@Nullable String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static Duration parseDuration(@Nullable String value, LongFunction<Duration> plainUnit) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return plainUnit.apply(Long.parseLong(value));
        }
    }

    private static @Nullable StreamViewType parseStreamViewType(@Nullable String value) {
        if (value == null || value.isEmpty() || "NONE".equalsIgnoreCase(value)) {
            return null;
        }
        StreamViewType type = StreamViewType.fromValue(value.toUpperCase(Locale.ROOT));
        if (type == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("expected NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY or NONE");
        }
        return type;
    }
}
