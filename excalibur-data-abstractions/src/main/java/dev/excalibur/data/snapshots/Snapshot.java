package dev.excalibur.data.snapshots;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The state of one aggregate at one version. Immutable: the data and metadata are copied in and out.
 *
 * @param snapshotId    the snapshot's own id
 * @param aggregateId   the aggregate it belongs to
 * @param aggregateType the aggregate's type (the same id under two types is two aggregates)
 * @param version       the aggregate version the snapshot reflects, at least 0
 * @param createdAt     when it was taken
 * @param data          the serialized state (may be empty, never null)
 * @param metadata      typed values: strings, numbers, booleans, nested maps and lists (never null)
 * @param tenantId      the tenant, or null for a single-tenant application
 */
public record Snapshot(
        String snapshotId,
        String aggregateId,
        String aggregateType,
        long version,
        Instant createdAt,
        byte[] data,
        Map<String, Object> metadata,
        @Nullable String tenantId) {

    public Snapshot {
        require(snapshotId, "snapshotId");
        require(aggregateId, "aggregateId");
        require(aggregateType, "aggregateType");
        if (version < 0) {
            throw new IllegalArgumentException("version must be at least 0 but was " + version);
        }
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        Objects.requireNonNull(data, "data must not be null (use an empty array)");
        if (tenantId != null && tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank (use null for no tenant)");
        }
        data = data.clone();
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A snapshot with a random id, taken now, with no metadata and no tenant. */
    public static Snapshot of(String aggregateId, String aggregateType, long version, byte[] data) {
        return new Snapshot(
                UUID.randomUUID().toString(), aggregateId, aggregateType, version, Instant.now(), data, Map.of(), null);
    }

    /** This snapshot with other metadata. */
    public Snapshot withMetadata(Map<String, Object> newMetadata) {
        return new Snapshot(snapshotId, aggregateId, aggregateType, version, createdAt, data, newMetadata, tenantId);
    }

    /** This snapshot for a tenant. */
    public Snapshot withTenant(@Nullable String newTenantId) {
        return new Snapshot(snapshotId, aggregateId, aggregateType, version, createdAt, data, metadata, newTenantId);
    }

    /** A copy of the serialized state. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Snapshot that
                && version == that.version
                && snapshotId.equals(that.snapshotId)
                && aggregateId.equals(that.aggregateId)
                && aggregateType.equals(that.aggregateType)
                && createdAt.equals(that.createdAt)
                && Arrays.equals(data, that.data)
                && metadata.equals(that.metadata)
                && Objects.equals(tenantId, that.tenantId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                snapshotId, aggregateId, aggregateType, version, createdAt, Arrays.hashCode(data), metadata, tenantId);
    }

    @Override
    public String toString() {
        return "Snapshot[" + aggregateType + " " + aggregateId + " v" + version + ", id " + snapshotId + ", "
                + data.length + " bytes, metadata " + metadata + (tenantId == null ? "" : ", tenant " + tenantId)
                + ", created " + createdAt + "]";
    }

    static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
