/**
 * Provider-neutral contracts for cloud-native document persistence: the provider, partition keys,
 * consistency choices, results, and the optional capabilities a provider advertises through
 * {@link dev.excalibur.data.cloudnative.CloudNativePersistenceProvider#getService(Class)}.
 * Nothing here depends on a cloud SDK.
 */
@NullMarked
package dev.excalibur.data.cloudnative;

import org.jspecify.annotations.NullMarked;
