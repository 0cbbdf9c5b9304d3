package dev.excalibur.data.authorization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Grants of users. Reads never answer with an expired grant (unless asked for expired ones) or a
 * revoked one, whatever the store has deleted yet; one user's or tenant's grants never answer
 * another's look-up. Arguments are checked before any call ({@link IllegalArgumentException}).
 */
public interface GrantStore {

    /** The active grant of a user for a type and qualifier in a tenant (null: none), or empty. */
    CompletableFuture<Optional<Grant>> getGrant(
            String userId, @Nullable String tenantId, String grantType, String qualifier);

    /** The user's grants in every tenant, without revoked ones, and without expired ones unless asked. */
    CompletableFuture<List<Grant>> getGrants(String userId, boolean includeExpired);

    /** The user's grants in one tenant (null: no tenant), as {@link #getGrants(String, boolean)}. */
    CompletableFuture<List<Grant>> getGrants(String userId, @Nullable String tenantId, boolean includeExpired);

    /** Inserts the grant, or replaces the one with its user, tenant, type and qualifier (a revoked one too). */
    CompletableFuture<Void> saveGrant(Grant grant);

    /**
     * Revokes a grant, recording who and when; it stops answering at once.
     * Completes with false if there was no such grant.
     */
    CompletableFuture<Boolean> revokeGrant(
            String userId,
            @Nullable String tenantId,
            String grantType,
            String qualifier,
            String revokedBy,
            Instant revokedOn);

    /** True if the user holds the grant, active. */
    default CompletableFuture<Boolean> grantExists(
            String userId, @Nullable String tenantId, String grantType, String qualifier) {
        return getGrant(userId, tenantId, grantType, qualifier).thenApply(Optional::isPresent);
    }
}
