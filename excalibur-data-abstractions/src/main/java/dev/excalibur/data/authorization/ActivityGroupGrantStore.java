package dev.excalibur.data.authorization;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Grants that come from activity groups (synchronised from a directory, say). They are grants like
 * any other for the reads of {@link GrantStore}; this interface manages them by group type.
 */
public interface ActivityGroupGrantStore {

    /** Inserts (or replaces) the grant of an activity group to a user. */
    CompletableFuture<Void> insertActivityGroupGrant(
            String userId,
            @Nullable String fullName,
            @Nullable String tenantId,
            String grantType,
            String qualifier,
            @Nullable Instant expiresOn,
            String grantedBy);

    /** Deletes the user's activity-group grants of a type; the number deleted. */
    CompletableFuture<Integer> deleteActivityGroupGrantsByUser(String userId, String grantType);

    /** Deletes every activity-group grant of a type; the number deleted. */
    CompletableFuture<Integer> deleteAllActivityGroupGrants(String grantType);

    /** The users holding an activity-group grant of a type. */
    CompletableFuture<Set<String>> getDistinctActivityGroupGrantUserIds(String grantType);
}
