package dev.excalibur.data.authorization;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A grant: a user may do {@code grantType} on {@code qualifier}, in a tenant (or none), until it
 * expires (or forever).
 *
 * @param userId    the user
 * @param fullName  the user's display name (may be null)
 * @param tenantId  the tenant, or null for none
 * @param grantType what is granted (an activity, a role, an activity group...)
 * @param qualifier what it applies to ({@code *} for everything, an id...)
 * @param expiresOn when it stops counting, or null for never
 * @param grantedBy who granted it
 * @param grantedOn when it was granted
 */
public record Grant(
        String userId,
        @Nullable String fullName,
        @Nullable String tenantId,
        String grantType,
        String qualifier,
        @Nullable Instant expiresOn,
        String grantedBy,
        Instant grantedOn) {

    public Grant {
        require(userId, "userId");
        require(grantType, "grantType");
        require(qualifier, "qualifier");
        require(grantedBy, "grantedBy");
        Objects.requireNonNull(grantedOn, "grantedOn must not be null");
        if (tenantId != null && tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank (use null for no tenant)");
        }
    }

    /** True when it has an expiry at or before {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresOn != null && !expiresOn.isAfter(now);
    }

    static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
