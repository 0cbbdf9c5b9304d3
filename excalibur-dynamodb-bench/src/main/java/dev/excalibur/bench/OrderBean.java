package dev.excalibur.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** The benchmark document as an Enhanced Client bean, with a version attribute for optimistic locking. */
@DynamoDbBean
public class OrderBean {
    private String pk;
    private String sk;
    private Long version;
    private String customer;
    private String status;
    private BigDecimal total;
    private int quantity;
    private List<String> tags;
    private Instant placedAt;

    /** The bean of {@code order} in partition {@code pk}. */
    public static OrderBean of(String pk, Order order) {
        OrderBean bean = new OrderBean();
        bean.setPk(pk);
        bean.setSk(order.id());
        bean.setCustomer(order.customer());
        bean.setStatus(order.status());
        bean.setTotal(order.total());
        bean.setQuantity(order.quantity());
        bean.setTags(order.tags());
        bean.setPlacedAt(order.placedAt());
        return bean;
    }

    @DynamoDbPartitionKey
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    @DynamoDbSortKey
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getCustomer() {
        return customer;
    }

    public void setCustomer(String customer) {
        this.customer = customer;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public void setPlacedAt(Instant placedAt) {
        this.placedAt = placedAt;
    }
}
