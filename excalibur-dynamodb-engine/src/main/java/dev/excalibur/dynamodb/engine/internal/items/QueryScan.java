package dev.excalibur.dynamodb.engine.internal.items;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.expressions.Condition;
import dev.excalibur.dynamodb.engine.internal.expressions.ExpressionContext;
import dev.excalibur.dynamodb.engine.internal.expressions.Expressions;
import dev.excalibur.dynamodb.engine.internal.expressions.KeyCondition;
import dev.excalibur.dynamodb.engine.internal.expressions.Projection;
import dev.excalibur.dynamodb.engine.internal.tables.Capacity;
import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.tables.IndexDefinition;
import dev.excalibur.dynamodb.engine.internal.tables.KeySchema;
import dev.excalibur.dynamodb.engine.internal.tables.StoredKey;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan over a table or one of its indexes. A page reads up to {@code Limit} items or 1 MB (sizes of
 * the entries read: index entries on an index), whichever comes first, then applies the filter; {@code
 * LastEvaluatedKey} (the table key plus, on an index, the index key of the last item read) is returned whenever
 * the read stopped at either limit, and is absent once the data is exhausted. A page is read under the table's
 * read lock, so it never sees part of a write or transaction. Internal to the engine.
 */
public final class QueryScan {

    private static final long PAGE_BYTES = 1024 * 1024;
    private static final long SEGMENT_SPACE = 1L << 32;

    private final Catalog catalog;

    public QueryScan(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What a request reads: the table, or one of its indexes, with that source's key schema and storage. */
    private record Source(Table table, IndexDefinition index) {
        KeySchema keys() {
            return index == null ? table.keys() : index.keys();
        }

        NavigableMap<StoredKey, Map<String, AttributeValue>> storage() {
            return index == null ? table.items() : table.indexEntries(index.name());
        }

        StoredKey storedKey(Map<String, AttributeValue> keyAttributes) {
            return index == null ? table.storedKey(keyAttributes) : index.storedKey(keyAttributes, table.keys());
        }

        /** The attribute names of a LastEvaluatedKey / ExclusiveStartKey: the table key, then the index key. */
        List<String> pageKeyNames() {
            List<String> names = new ArrayList<>(table.keys().names());
            if (index != null) {
                index.keys().names().stream().filter(n -> !names.contains(n)).forEach(names::add);
            }
            return names;
        }

        ScalarAttributeType typeOf(String attribute) {
            ScalarAttributeType type = table.keys().typeOf(attribute);
            return type != null ? type : index.keys().typeOf(attribute);
        }
    }

    /** The parsed, checked parameters of one Query or Scan. */
    private record Plan(
            String tableName,
            Source source,
            KeyCondition keyCondition,
            Condition filter,
            Projection projection,
            Select select,
            Integer limit,
            boolean consistent,
            ReturnConsumedCapacity capacityMode) {}

    /** One page: the items returned, the count read, the last entry read when the read stopped early, and the bytes read. */
    private record Page(
            List<Map<String, AttributeValue>> items,
            int scanned,
            Map<String, AttributeValue> lastEvaluated,
            long bytes) {}

    // ---------------------------------------------------------------- Query

    public QueryResponse query(QueryRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        Select select = select(request.select(), request.selectAsString());
        checkLimit(request.limit());
        Requests.refuseMixing(
                Requests.present(
                        "KeyConditions",
                        request.hasKeyConditions(),
                        "QueryFilter",
                        request.hasQueryFilter(),
                        "AttributesToGet",
                        request.hasAttributesToGet()),
                Requests.present(
                        "KeyConditionExpression",
                        request.keyConditionExpression() != null,
                        "FilterExpression",
                        request.filterExpression() != null,
                        "ProjectionExpression",
                        request.projectionExpression() != null));
        if (request.keyConditionExpression() == null && !request.hasKeyConditions()) {
            throw validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        ExpressionContext context =
                new ExpressionContext(request.expressionAttributeNames(), request.expressionAttributeValues());
        KeyCondition keyCondition = request.keyConditionExpression() != null
                ? Expressions.keyCondition(request.keyConditionExpression(), context)
                : LegacyReads.keyConditions(request.keyConditions());
        Condition filter = request.filterExpression() != null
                ? Expressions.filter(request.filterExpression(), context)
                : request.hasQueryFilter()
                        ? LegacyReads.filter(request.queryFilter(), request.conditionalOperator())
                        : null;
        Projection projection = projection(
                request.projectionExpression(),
                request.hasAttributesToGet() ? request.attributesToGet() : null,
                context);
        context.requireAllUsed();
        checkSelect(select, request.projectionExpression() != null, request.hasAttributesToGet());
        Table table = catalog.require(request.tableName());
        boolean consistent = Boolean.TRUE.equals(request.consistentRead());
        Source source = source(table, request.indexName(), consistent, select);
        keyCondition.checkKeys(source.keys().hashName(), source.keys().rangeName());
        keyCondition.checkTypes(
                source.keys().hashType().toString(),
                source.keys().hasRange() ? source.keys().rangeType().toString() : null);
        AttributeValue hash = keyCondition.hashValue();
        if (filter != null) {
            for (String name : filter.topLevelNames()) {
                if (source.keys().typeOf(name) != null) {
                    throw validation(
                            "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                                    + name);
                }
            }
        }
        Plan plan = new Plan(
                request.tableName(),
                source,
                keyCondition,
                filter,
                projection,
                select,
                request.limit(),
                consistent,
                capacityMode);
        StoredKey start = request.hasExclusiveStartKey() ? startKey(source, request.exclusiveStartKey()) : null;
        if (start != null
                && (!AttributeValues.sameValue(
                                request.exclusiveStartKey().get(source.keys().hashName()), hash)
                        || !keyCondition.matchesRange(
                                source.keys().hasRange()
                                        ? request.exclusiveStartKey()
                                                .get(source.keys().rangeName())
                                        : null))) {
            throw validation("The provided starting key is outside query boundaries based on provided conditions");
        }
        Reply reply = readLocked(
                table,
                plan,
                () -> {
                    NavigableMap<StoredKey, Map<String, AttributeValue>> partition = source.storage()
                            .subMap(
                                    StoredKey.bound(List.of(hash), false),
                                    true,
                                    StoredKey.bound(List.of(hash), true),
                                    true);
                    return Boolean.FALSE.equals(request.scanIndexForward()) ? partition.descendingMap() : partition;
                },
                start);
        return QueryResponse.builder()
                .count(reply.count())
                .scannedCount(reply.scanned())
                .consumedCapacity(reply.capacity())
                .items(reply.items())
                .lastEvaluatedKey(reply.lastEvaluatedKey())
                .build();
    }

    // ---------------------------------------------------------------- Scan

    public ScanResponse scan(ScanRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        Select select = select(request.select(), request.selectAsString());
        checkLimit(request.limit());
        checkSegments(request.segment(), request.totalSegments());
        Requests.refuseMixing(
                Requests.present(
                        "ScanFilter", request.hasScanFilter(), "AttributesToGet", request.hasAttributesToGet()),
                Requests.present(
                        "FilterExpression",
                        request.filterExpression() != null,
                        "ProjectionExpression",
                        request.projectionExpression() != null));
        ExpressionContext context =
                new ExpressionContext(request.expressionAttributeNames(), request.expressionAttributeValues());
        Condition filter = request.filterExpression() != null
                ? Expressions.filter(request.filterExpression(), context)
                : request.hasScanFilter()
                        ? LegacyReads.filter(request.scanFilter(), request.conditionalOperator())
                        : null;
        Projection projection = projection(
                request.projectionExpression(),
                request.hasAttributesToGet() ? request.attributesToGet() : null,
                context);
        context.requireAllUsed(request.filterExpression() != null, "FilterExpression");
        checkSelect(select, request.projectionExpression() != null, request.hasAttributesToGet());
        Table table = catalog.require(request.tableName());
        boolean consistent = Boolean.TRUE.equals(request.consistentRead());
        Source source = source(table, request.indexName(), consistent, select);
        Plan plan = new Plan(
                request.tableName(),
                source,
                null,
                filter,
                projection,
                select,
                request.limit(),
                consistent,
                capacityMode);
        StoredKey start = request.hasExclusiveStartKey() ? startKey(source, request.exclusiveStartKey()) : null;
        Reply reply = readLocked(
                table,
                plan,
                () -> {
                    NavigableMap<StoredKey, Map<String, AttributeValue>> range = source.storage();
                    if (request.totalSegments() == null) {
                        return range;
                    }
                    long low = request.segment() * SEGMENT_SPACE / request.totalSegments();
                    long high = (request.segment() + 1L) * SEGMENT_SPACE / request.totalSegments();
                    return high >= SEGMENT_SPACE
                            ? range.tailMap(StoredKey.tokenBound(low, false), true)
                            : range.subMap(
                                    StoredKey.tokenBound(low, false), true, StoredKey.tokenBound(high, false), false);
                },
                start);
        return ScanResponse.builder()
                .count(reply.count())
                .scannedCount(reply.scanned())
                .consumedCapacity(reply.capacity())
                .items(reply.items())
                .lastEvaluatedKey(reply.lastEvaluatedKey())
                .build();
    }

    // ---------------------------------------------------------------- shared

    /**
     * What a Query or Scan answers: the counts, the capacity, the items (null for
     * {@code Select.COUNT}, so the response has none) and the key to go on from (null on the last page).
     */
    private record Reply(
            int count,
            int scanned,
            ConsumedCapacity capacity,
            List<Map<String, AttributeValue>> items,
            Map<String, AttributeValue> lastEvaluatedKey) {}

    /** Reads one page of {@code entries} (after {@code start}, if given) under the table's read lock. */
    private Reply readLocked(
            Table table,
            Plan plan,
            Supplier<NavigableMap<StoredKey, Map<String, AttributeValue>>> entries,
            StoredKey start) {
        Page page;
        table.lock().readLock().lock();
        try {
            NavigableMap<StoredKey, Map<String, AttributeValue>> range = entries.get();
            page = read(plan, start == null ? range : range.tailMap(start, false));
        } finally {
            table.lock().readLock().unlock();
        }
        return new Reply(
                page.items().size(),
                page.scanned(),
                capacity(plan, page),
                plan.select() == Select.COUNT ? null : page.items(),
                page.lastEvaluated() == null ? null : pageKey(plan.source(), page.lastEvaluated()));
    }

    private Page read(Plan plan, NavigableMap<StoredKey, Map<String, AttributeValue>> entries) {
        Source source = plan.source();
        String rangeName = source.keys().rangeName();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int scanned = 0;
        long bytes = 0;
        for (Map<String, AttributeValue> entry : entries.values()) {
            if (plan.keyCondition() != null
                    && !plan.keyCondition().matchesRange(rangeName == null ? null : entry.get(rangeName))) {
                continue;
            }
            scanned++;
            bytes += AttributeValues.itemSize(entry);
            Map<String, AttributeValue> item = fetch(plan, entry);
            if (plan.filter() == null || plan.filter().test(item)) {
                items.add(plan.projection() == null ? item : plan.projection().apply(item));
            }
            if ((plan.limit() != null && scanned >= plan.limit()) || bytes >= PAGE_BYTES) {
                return new Page(items, scanned, entry, bytes);
            }
        }
        return new Page(items, scanned, null, bytes);
    }

    /**
     * The item a read returns for one entry: the entry itself, except on a local secondary index asked for
     * attributes beyond its projection, where the table's item is fetched (as the service does for LSIs).
     */
    private static Map<String, AttributeValue> fetch(Plan plan, Map<String, AttributeValue> entry) {
        IndexDefinition index = plan.source().index();
        boolean beyondProjection = plan.select() == Select.ALL_ATTRIBUTES || plan.projection() != null;
        if (index == null || index.global() || index.projectionType() == ProjectionType.ALL || !beyondProjection) {
            return entry;
        }
        Map<String, AttributeValue> item =
                plan.source().table().get(plan.source().table().keys().keyOf(entry));
        return item == null ? entry : item;
    }

    private static ConsumedCapacity capacity(Plan plan, Page page) {
        Source source = plan.source();
        Capacity capacity = Capacity.reads(source.table().definition()).as(plan.tableName());
        double units = Capacity.readUnits(page.bytes(), plan.consistent());
        if (source.index() == null) {
            capacity.addTable(units);
        } else {
            capacity.addIndex(source.index(), units);
        }
        return capacity.toSdk(plan.capacityMode());
    }

    private static Source source(Table table, String indexName, boolean consistent, Select select) {
        if (indexName == null) {
            if (select == Select.ALL_PROJECTED_ATTRIBUTES) {
                throw validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
            }
            return new Source(table, null);
        }
        IndexDefinition index = table.definition().index(indexName);
        if (index == null) {
            throw validation("The table does not have the specified index: " + indexName);
        }
        if (index.global() && consistent) {
            throw validation("Consistent reads are not supported on global secondary indexes");
        }
        if (index.global() && select == Select.ALL_ATTRIBUTES && index.projectionType() != ProjectionType.ALL) {
            throw validation(
                    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                            + indexName + " because its projection type is not ALL");
        }
        return new Source(table, index);
    }

    private static StoredKey startKey(Source source, Map<String, AttributeValue> exclusiveStartKey) {
        List<String> names = source.pageKeyNames();
        String invalid = "The provided starting key is invalid: The provided key element does not match the schema";
        if (exclusiveStartKey.size() != names.size()) {
            throw validation(invalid);
        }
        Map<String, AttributeValue> checked = new LinkedHashMap<>();
        for (String name : names) {
            AttributeValue value = exclusiveStartKey.get(name);
            if (value == null || !Table.hasType(value, source.typeOf(name))) {
                throw validation(invalid);
            }
            checked.put(name, AttributeValues.validate(value, "ExclusiveStartKey"));
        }
        return source.storedKey(checked);
    }

    private static Map<String, AttributeValue> pageKey(Source source, Map<String, AttributeValue> entry) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : source.pageKeyNames()) {
            key.put(name, entry.get(name));
        }
        return key;
    }

    private static Select select(Select select, String text) {
        if (text != null && select == Select.UNKNOWN_TO_SDK_VERSION) {
            throw validation(Requests.enumError(
                    text, "select", "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"));
        }
        return select;
    }

    private static void checkSelect(Select select, boolean hasProjectionExpression, boolean hasAttributesToGet) {
        boolean hasProjection = hasProjectionExpression || hasAttributesToGet;
        if (select == null || select == Select.SPECIFIC_ATTRIBUTES) {
            if (select != null && !hasProjection) {
                throw validation(
                        "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
            }
            return;
        }
        if (hasProjection) {
            throw validation("Cannot specify the " + (hasAttributesToGet ? "AttributesToGet" : "ProjectionExpression")
                    + " when choosing to get " + (select == Select.COUNT ? "only the Count" : select.toString()));
        }
    }

    /** A ProjectionExpression, or legacy AttributesToGet (top-level names), or null for whole items. */
    private static Projection projection(String expression, List<String> attributesToGet, ExpressionContext context) {
        if (expression != null) {
            return Expressions.projection(expression, context);
        }
        return attributesToGet == null ? null : ItemOperations.topLevel(attributesToGet);
    }

    private static void checkLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw validation(Requests.minimumError(limit, "limit", 1));
        }
    }

    private static void checkSegments(Integer segment, Integer totalSegments) {
        if (totalSegments != null && (totalSegments < 1 || totalSegments > 1_000_000)) {
            throw validation(
                    totalSegments < 1
                            ? Requests.minimumError(totalSegments, "totalSegments", 1)
                            : "1 validation error detected: Value '" + totalSegments
                                    + "' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000");
        }
        if (segment != null && segment < 0) {
            throw validation(Requests.minimumError(segment, "segment", 0));
        }
        if (segment != null && totalSegments == null) {
            throw validation(
                    "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (segment == null && totalSegments != null) {
            throw validation(
                    "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw validation(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                            + segment + " is not less than TotalSegments: " + totalSegments);
        }
    }
}
