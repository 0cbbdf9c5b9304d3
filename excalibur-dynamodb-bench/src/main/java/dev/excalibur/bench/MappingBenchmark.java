package dev.excalibur.bench;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.jackson2.Jackson2DocumentCodec;
import dev.excalibur.dynamodb.codec.jackson3.Jackson3DocumentCodec;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Document -> item -> document for one order: our {@link DocumentCodec}s (Jackson 3 and Jackson 2) on a record,
 * the Enhanced Client's bean schema on the equivalent bean, {@link EnhancedDocument}, and hand-written
 * mapping (the floor). Every contender maps the same seven attributes of the same types.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
public class MappingBenchmark {

    private static final EnhancedType<String> STRING = EnhancedType.of(String.class);

    private final Order order = Order.number(42);
    /**
     * The order's attributes only, as the codecs and the hand-written mapping write them: no partition key
     * (left null, so not written) and no version; the sort key holds the id. Seven attributes of the same types.
     */
    private final OrderBean bean = OrderBean.of(null, order);

    private final DocumentCodec jackson3 = Jackson3DocumentCodec.create();
    private final DocumentCodec jackson2 = Jackson2DocumentCodec.create();
    private final TableSchema<OrderBean> beanSchema = TableSchema.fromBean(OrderBean.class);

    @Benchmark
    public Order excaliburJackson3() {
        return jackson3.fromItem(jackson3.toItem(order), Order.class);
    }

    @Benchmark
    public Order excaliburJackson2() {
        return jackson2.fromItem(jackson2.toItem(order), Order.class);
    }

    @Benchmark
    public OrderBean enhancedBeanSchema() {
        return beanSchema.mapToItem(beanSchema.itemToMap(bean, true));
    }

    @Benchmark
    public Order enhancedDocument() {
        Map<String, AttributeValue> item = EnhancedDocument.builder()
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .putString("id", order.id())
                .putString("customer", order.customer())
                .putString("status", order.status())
                .putNumber("total", order.total())
                .putNumber("quantity", order.quantity())
                .putList("tags", order.tags(), STRING)
                .put("placedAt", order.placedAt(), Instant.class)
                .build()
                .toMap();
        EnhancedDocument read = EnhancedDocument.fromAttributeValueMap(item);
        return new Order(
                read.getString("id"),
                read.getString("customer"),
                read.getString("status"),
                read.getNumber("total").bigDecimalValue(),
                read.getNumber("quantity").intValue(),
                read.getList("tags", STRING),
                read.get("placedAt", Instant.class));
    }

    @Benchmark
    public Order handWritten() {
        return RawSdkContender.fromItem(RawSdkContender.toItem(order));
    }
}
