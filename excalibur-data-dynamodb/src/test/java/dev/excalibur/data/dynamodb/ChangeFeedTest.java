package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEvent;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedOptions;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedStartPosition;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedSubscription;
import dev.excalibur.data.cloudnative.changefeed.CloudNativeChangeFeedOperations;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.Fault;
import dev.excalibur.dynamodb.test.FaultInjector;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * On an engine of its own: stream reads of DynamoDB Local slow down with every stream record the
 * engine holds, and these tests write thousands and roll shards over.
 */
class ChangeFeedTest {

    private static final PartitionKey PK = PartitionKey.of("feed");
    private static EmbeddedDynamoDb db;
    private String table;

    @BeforeAll
    static void startEngine() {
        db = EmbeddedDynamoDb.start();
    }

    @AfterAll
    static void stopEngine() {
        db.close();
    }

    @BeforeEach
    void newTable() {
        table = db.newTableName("feed");
    }

    @Test
    void beginningDeliversCreatedUpdatedDeletedWithBothImagesKeysAndSequenceNumbers() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            await(provider.create(new TestDocument("a", "first", 1), PK));
            String etag = await(provider.update(new TestDocument("a", "second", 2), PK, null))
                    .etag();
            await(provider.delete("a", PK, etag));

            var subscription = subscribe(provider, ChangeFeedOptions.fromBeginning());
            var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
            subscription.subscribe(subscriber);
            List<ChangeFeedEvent<TestDocument>> events = subscriber.take(3, 30);

            assertThat(events)
                    .extracting(ChangeFeedEvent::type)
                    .containsExactly(
                            ChangeFeedEventType.CREATED, ChangeFeedEventType.UPDATED, ChangeFeedEventType.DELETED);
            assertThat(events.get(0).document()).isEqualTo(new TestDocument("a", "first", 1));
            assertThat(events.get(0).previousDocument()).isNull();
            assertThat(events.get(1).document()).isEqualTo(new TestDocument("a", "second", 2));
            assertThat(events.get(1).previousDocument()).isEqualTo(new TestDocument("a", "first", 1));
            assertThat(events.get(2).document()).isNull();
            assertThat(events.get(2).previousDocument()).isEqualTo(new TestDocument("a", "second", 2));
            assertThat(events).allSatisfy(e -> {
                assertThat(e.documentId()).isEqualTo("a");
                assertThat(e.partitionKey()).isEqualTo("feed");
                assertThat(e.timestamp())
                        .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
                assertThat(e.continuationToken()).matches("[A-Za-z0-9_-]+");
            });
            assertThat(events)
                    .extracting(e -> new BigInteger(e.sequenceNumber()))
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(subscription.id()).startsWith("streams-" + table + "-");
            assertThat(subscription.continuationToken()).contains(events.get(2).continuationToken());
            subscription.close();
            assertThat(subscriber.awaitCompletion(10)).isTrue();
            assertThat(subscription.isActive()).isFalse();
        }
    }

    @Test
    void nowDeliversOnlyChangesMadeAfterTheSubscriptionStarts() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            for (int i = 0; i < 5; i++) {
                await(provider.create(new TestDocument("before-" + i, "x", i), PK));
            }
            try (var subscription = subscribe(provider, ChangeFeedOptions.defaults())) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);
                Thread.sleep(300);
                for (int i = 0; i < 3; i++) {
                    await(provider.create(new TestDocument("after-" + i, "x", i), PK));
                }

                assertThat(subscriber.take(3, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("after-0", "after-1", "after-2");
                assertThat(subscriber.drain(1500)).isEmpty();
            }
        }
    }

    @Test
    void aSubscriberThatComesLateToANowSubscriptionStillGetsEveryChangeSinceItStarted() throws Exception {
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.start();
                var fixture = TestProviders.open(engine, table)) {
            var provider = fixture.provider();
            await(provider.create(new TestDocument("before", "x", 0), PK));
            // DynamoDB Local stamps records to the minute; dilating its clock makes "before" 3 minutes older
            engine.dilateEventTimes(Duration.ofMinutes(3));
            try (var subscription = subscribe(provider, ChangeFeedOptions.defaults())) {
                await(provider.create(new TestDocument("while-no-one-listened", "x", 1), PK));
                Thread.sleep(1200);
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);
                await(provider.create(new TestDocument("after", "x", 2), PK));

                assertThat(subscriber.take(2, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("while-no-one-listened", "after");
                assertThat(subscriber.drain(500)).isEmpty();
            }
        }
    }

    @Test
    void fromTimestampSkipsChangesMadeBeforeIt() throws Exception {
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.start();
                var fixture = TestProviders.open(engine, table)) {
            var provider = fixture.provider();
            for (int i = 0; i < 3; i++) {
                await(provider.create(new TestDocument("old-" + i, "x", i), PK));
            }
            // DynamoDB Local stamps records to the minute; dilating its clock makes them 3 minutes older.
            engine.dilateEventTimes(Duration.ofMinutes(3));
            Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (int i = 0; i < 3; i++) {
                await(provider.create(new TestDocument("new-" + i, "x", i), PK));
            }

            try (var subscription = subscribe(provider, ChangeFeedOptions.fromTimestamp(from))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);

                assertThat(subscriber.take(3, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("new-0", "new-1", "new-2");
                assertThat(subscriber.drain(1500)).isEmpty();
            }
        }
    }

    @Test
    void aTokenTakenAfter1000ChangesResumesWithExactlyTheRemainingChanges() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            writeVersions(provider, 300, 5);
            List<ChangeFeedEvent<TestDocument>> all;
            String token;
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .maxBatchSize(1000)
                            .pollingInterval(Duration.ofMillis(100))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);
                all = subscriber.take(1500, 60);
                token = all.get(999).continuationToken();
            }

            try (var resumed = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.FROM_CONTINUATION_TOKEN)
                            .continuationToken(token)
                            .pollingInterval(Duration.ofMillis(100))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                resumed.subscribe(subscriber);

                assertThat(subscriber.take(500, 60))
                        .extracting(ChangeFeedEvent::sequenceNumber)
                        .containsExactlyElementsOf(all.subList(1000, 1500).stream()
                                .map(ChangeFeedEvent::sequenceNumber)
                                .toList());
                assertThat(subscriber.drain(500)).isEmpty();
            }
        }
    }

    /**
     * The subscription's token moves before the subscriber is handed an event, so the moment the
     * subscriber has it, the token resumes after it (it moved after the hand-over before: read from
     * another thread right then, it named the previous event in about a quarter of the tries).
     */
    @Test
    void theSubscriptionsTokenIsAfterAnEventAsSoonAsTheSubscriberHasIt() throws Exception {
        for (int attempt = 0; attempt < 30; attempt++) {
            try (var fixture = TestProviders.open(db, db.newTableName("feed_token"))) {
                var provider = fixture.provider();
                await(provider.create(new TestDocument("a", "first", 1), PK));
                await(provider.create(new TestDocument("b", "second", 2), PK));
                try (var subscription = subscribe(provider, ChangeFeedOptions.fromBeginning())) {
                    var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                    subscription.subscribe(subscriber);
                    List<ChangeFeedEvent<TestDocument>> events = subscriber.take(2, 30);
                    assertThat(subscription.continuationToken())
                            .as("attempt %d", attempt)
                            .contains(events.get(1).continuationToken());
                }
            }
        }
    }

    @Test
    void shardRolloversDuring5000ChangesLoseNothingAndKeepPerItemOrder() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .pollingInterval(Duration.ofMillis(50))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);
                for (int version = 1; version <= 10; version++) {
                    writeVersion(provider, 500, version);
                    if (version % 2 == 0) {
                        db.triggerShardRollovers();
                    }
                }

                List<ChangeFeedEvent<TestDocument>> events = subscriber.take(5000, 120);
                assertThat(subscriber.drain(300)).isEmpty();
                Map<String, List<Integer>> versions = new HashMap<>();
                events.forEach(e -> versions.computeIfAbsent(e.documentId(), k -> new ArrayList<>())
                        .add(e.document().value()));
                assertThat(versions).hasSize(500);
                assertThat(versions.values())
                        .allSatisfy(v -> assertThat(v).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
            }
        }
    }

    @Test
    void aShardSplitIntoTwoChildrenInTheMiddleOfTheFeedDeliversEveryChangeOnceInPerItemOrder() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            writeSpreadVersions(provider, 200, 1, 2);
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .pollingInterval(Duration.ofMillis(50))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(100);
                subscription.subscribe(subscriber);
                List<ChangeFeedEvent<TestDocument>> events = new ArrayList<>(subscriber.take(100, 30));

                // the feed has read 100 of the parent's 400 changes: the parent splits under it
                String streamArn = db.client()
                        .describeTable(b -> b.tableName(table))
                        .table()
                        .latestStreamArn();
                String parent = db
                        .streamsClient()
                        .describeStream(b -> b.streamArn(streamArn))
                        .streamDescription()
                        .shards()
                        .stream()
                        .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
                        .findFirst()
                        .orElseThrow()
                        .shardId();
                List<String> children = db.engine().splitShard(table, parent, 2);
                writeSpreadVersions(provider, 200, 3, 5);
                subscriber.request(Long.MAX_VALUE);
                events.addAll(subscriber.take(900, 60));

                assertThat(events)
                        .extracting(ChangeFeedEvent::sequenceNumber)
                        .as("every change once")
                        .doesNotHaveDuplicates();
                Map<String, List<Integer>> versions = new HashMap<>();
                events.forEach(
                        e -> versions.computeIfAbsent(e.partitionKey() + "/" + e.documentId(), k -> new ArrayList<>())
                                .add(e.document().value()));
                assertThat(versions)
                        .hasSize(200)
                        .allSatisfy((item, values) -> assertThat(values).containsExactly(1, 2, 3, 4, 5));
                assertThat(children)
                        .as("both children took a part of the changes written after the split")
                        .allSatisfy(child -> assertThat(db.streamsClient()
                                        .getRecords(r -> r.shardIterator(db.streamsClient()
                                                .getShardIterator(i -> i.streamArn(streamArn)
                                                        .shardId(child)
                                                        .shardIteratorType("TRIM_HORIZON"))
                                                .shardIterator()))
                                        .records())
                                .isNotEmpty());
            }
        }
    }

    /** Versions {@code from..to} of {@code items} documents spread over 16 partitions (so a split shares them out). */
    private static void writeSpreadVersions(DynamoDbPersistenceProvider provider, int items, int from, int to) {
        for (int version = from; version <= to; version++) {
            List<BulkWrite> writes = new ArrayList<>(items);
            for (int i = 0; i < items; i++) {
                writes.add(BulkWrite.put(
                        PartitionKey.of("p" + i % 16), new TestDocument("item-" + i, "v" + version, version)));
            }
            assertThat(await(provider.bulkWrite(writes)).failures()).isEmpty();
        }
    }

    @Test
    void theFeedReadsNoMoreThanTheSubscriberRequested() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            for (int i = 0; i < 10; i++) {
                await(provider.create(new TestDocument("d" + i, "x", i), PK));
            }
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .pollingInterval(Duration.ofMillis(50))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(2);
                subscription.subscribe(subscriber);

                assertThat(subscriber.take(2, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("d0", "d1");
                assertThat(subscriber.drain(500)).isEmpty();
                subscriber.request(8);
                assertThat(subscriber.take(8, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9");
            }
        }
    }

    @Test
    void aNewSubscriberContinuesAfterTheLastEventTheCancelledOneReceived() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            for (int i = 0; i < 6; i++) {
                await(provider.create(new TestDocument("d" + i, "x", i), PK));
            }
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .pollingInterval(Duration.ofMillis(50))))) {
                var first = new RecordingSubscriber<TestDocument>(3);
                subscription.subscribe(first);
                assertThat(first.take(3, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("d0", "d1", "d2");
                var refused = new RecordingSubscriber<TestDocument>(1);
                subscription.subscribe(refused);
                assertThat(refused.awaitError(5))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("one at a time");
                first.cancel();
                Thread.sleep(300);

                var second = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(second);
                assertThat(second.take(3, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("d3", "d4", "d5");
            }
        }
    }

    @Test
    void thePartitionKeyFilterDeliversOnlyThatPartition() throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            for (int i = 0; i < 4; i++) {
                await(provider.create(new TestDocument("d" + i, "x", i), PartitionKey.of(i % 2 == 0 ? "even" : "odd")));
            }
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .partitionKeyFilter("odd")
                            .pollingInterval(Duration.ofMillis(50))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);

                assertThat(subscriber.take(2, 30))
                        .extracting(ChangeFeedEvent::documentId)
                        .containsExactly("d1", "d3");
                assertThat(subscriber.drain(300)).isEmpty();
            }
        }
    }

    @Test
    void injectedExpiredIteratorsAndThrottledReadsLoseNothing() throws Exception {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, faults)) {
            var provider = fixture.provider();
            writeVersions(provider, 100, 3);
            faults.failNext(2, "GetRecords", Fault.of(400, "ExpiredIteratorException", "Iterator expired"))
                    .failNext(4, "GetRecords", Fault.of(400, "LimitExceededException", "Rate exceeded for shard"))
                    .failNext(2, "GetRecords", Fault.throttling());
            try (var subscription = subscribe(
                    provider,
                    ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.BEGINNING)
                            .maxBatchSize(25)
                            .pollingInterval(Duration.ofMillis(50))))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                subscription.subscribe(subscriber);

                List<ChangeFeedEvent<TestDocument>> events = subscriber.take(300, 60);
                assertThat(subscriber.drain(300)).isEmpty();
                assertThat(events.stream()
                                .map(e -> e.documentId() + "@" + e.document().value())
                                .collect(Collectors.toSet()))
                        .hasSize(300);
                assertThat(faults.requestCount("GetRecords")).isGreaterThan(12 + 8);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTableWithoutAStreamIsAClearErrorNamingIt() {
        String plain = table + "_plain";
        db.client()
                .createTable(b -> b.tableName(plain)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
        try (var fixture = TestProviders.open(db, table)) {
            assertThatThrownBy(() -> subscribe(fixture.provider(), plain, ChangeFeedOptions.fromBeginning()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'" + plain + "' has no stream");
            assertThatThrownBy(
                            () -> subscribe(fixture.provider(), table + "_missing", ChangeFeedOptions.fromBeginning()))
                    .isInstanceOf(TableNotFoundException.class);
        }
    }

    @Test
    void badTokensAndOptionsAreRefusedBeforeAnyRequest() throws Exception {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, faults)) {
            var provider = fixture.provider();
            await(provider.create(new TestDocument("q1", "x", 1), PK));
            await(provider.create(new TestDocument("q2", "x", 2), PK));
            String queryToken = await(
                            provider.query(CloudQuery.of(q -> q.partitionKey(PK).limit(1)), TestDocument.class))
                    .continuationToken();
            String feedToken;
            try (var subscription = subscribe(provider, ChangeFeedOptions.fromBeginning())) {
                var subscriber = new RecordingSubscriber<TestDocument>(1);
                subscription.subscribe(subscriber);
                feedToken = subscriber.take(1, 30).get(0).continuationToken();
            }
            char last = feedToken.charAt(feedToken.length() / 2);
            String altered = feedToken.substring(0, feedToken.length() / 2)
                    + (last == 'A' ? 'B' : 'A')
                    + feedToken.substring(feedToken.length() / 2 + 1);
            faults.reset();

            assertThatThrownBy(() -> provider.subscribe(
                            null, TestDocument.class, ChangeFeedOptions.fromContinuationToken(altered)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("altered");
            assertThatThrownBy(() -> provider.subscribe(
                            null,
                            TestDocument.class,
                            ChangeFeedOptions.fromContinuationToken(feedToken.substring(0, feedToken.length() - 4))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("continuationToken");

            assertThatThrownBy(() -> provider.subscribe(
                            null, TestDocument.class, ChangeFeedOptions.fromContinuationToken(queryToken)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a change feed token");
            assertThatThrownBy(() -> provider.subscribe(
                            null, TestDocument.class, ChangeFeedOptions.fromContinuationToken("not*base64")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("continuationToken");
            assertThatThrownBy(() -> provider.subscribe(null, null, ChangeFeedOptions.fromBeginning()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("type");
            assertThatThrownBy(() -> ChangeFeedOptions.of(o -> o.maxBatchSize(1001)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxBatchSize")
                    .hasMessageContaining("1000");
            assertThatThrownBy(() -> ChangeFeedOptions.of(o -> o.pollingInterval(Duration.ZERO)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pollingInterval");
            assertThatThrownBy(() -> ChangeFeedOptions.of(o -> o.startPosition(ChangeFeedStartPosition.FROM_TIMESTAMP)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("startTimestamp");
            assertThat(faults.totalRequests()).isZero();
        }
    }

    @Test
    void aTokenWhoseRecordsLeftTheRetentionIsReportedAsAStalePosition() throws Exception {
        try (EmbeddedDynamoDb engine = EmbeddedDynamoDb.start();
                var fixture = TestProviders.open(engine, table)) {
            var provider = fixture.provider();
            await(provider.create(new TestDocument("a", "x", 1), PK));
            await(provider.create(new TestDocument("b", "x", 2), PK));
            String token;
            try (var subscription = subscribe(provider, ChangeFeedOptions.fromBeginning())) {
                var subscriber = new RecordingSubscriber<TestDocument>(1);
                subscription.subscribe(subscriber);
                token = subscriber.take(1, 30).get(0).continuationToken();
            }
            engine.dilateEventTimes(Duration.ofHours(25));

            try (var resumed = subscribe(provider, ChangeFeedOptions.fromContinuationToken(token))) {
                var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
                resumed.subscribe(subscriber);

                assertThat(subscriber.awaitError(30)).isInstanceOfSatisfying(StalePositionException.class, e -> {
                    assertThat(e.shardId()).isNotBlank();
                    assertThat(e.sequenceNumber()).isNotBlank();
                    assertThat(e.getMessage()).contains("retention");
                });
                assertThat(resumed.isActive()).isFalse();
            }
        }
    }

    @Test
    void providerOffersTheChangeFeed() {
        try (var fixture = TestProviders.open(db, table)) {
            assertThat(fixture.provider().getService(CloudNativeChangeFeedOperations.class))
                    .containsSame(fixture.provider());
        }
    }

    @Test
    void aProviderGivenOnlyTheTestKitsClientReadsTheChangeFeedThroughThatEnginesStreamsClient() throws Exception {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .options(o -> o.tableName(table).createTablesIfMissing(true))
                .build()) {
            await(provider.initialize());
            assertThat(provider.streamsClient())
                    .as("the kit's streams twin, not a client derived for a fake endpoint")
                    .isSameAs(db.streamsAsyncClient());
            await(provider.create(new TestDocument("twin", "found", 1), PK));

            var subscriber = new RecordingSubscriber<TestDocument>(Long.MAX_VALUE);
            subscribe(provider, ChangeFeedOptions.fromBeginning()).subscribe(subscriber);
            assertThat(subscriber.take(1, 30))
                    .singleElement()
                    .satisfies(event -> assertThat(event.document()).isEqualTo(new TestDocument("twin", "found", 1)));
        }
        try (DynamoDbPersistenceProvider embedded = DynamoDbPersistenceProvider.builder()
                .embedded()
                .options(o -> o.tableName(table))
                .build()) {
            assertThat(embedded.streamsClient())
                    .as("embedded() takes the shared engine's streams client")
                    .isSameAs(EmbeddedDynamoDb.shared().streamsAsyncClient());
        }
    }

    private static ChangeFeedSubscription<TestDocument> subscribe(
            DynamoDbPersistenceProvider provider, ChangeFeedOptions options) {
        return subscribe(provider, null, options);
    }

    private static ChangeFeedSubscription<TestDocument> subscribe(
            DynamoDbPersistenceProvider provider, String container, ChangeFeedOptions options) {
        try {
            return provider.subscribe(container, TestDocument.class, options).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** {@code versions} rounds of writes of {@code items} documents: every document once per round. */
    static void writeVersions(DynamoDbPersistenceProvider provider, int items, int versions) {
        for (int version = 1; version <= versions; version++) {
            writeVersion(provider, items, version);
        }
    }

    private static void writeVersion(DynamoDbPersistenceProvider provider, int items, int version) {
        List<BulkWrite> writes = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            writes.add(BulkWrite.put(PK, new TestDocument("item-" + i, "v" + version, version)));
        }
        assertThat(await(provider.bulkWrite(writes)).failures()).isEmpty();
    }
}
