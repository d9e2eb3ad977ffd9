/**
 * The public API: {@link io.cdnpurge.CdnPurge}, {@link io.cdnpurge.PurgeClient}, {@link io.cdnpurge.PurgeRequest},
 * {@link io.cdnpurge.PurgeResult} and their values. Everything here is non-null unless documented otherwise:
 * parameters reject null with a message naming them, and absent values are returned as {@link java.util.Optional}.
 */
package io.cdnpurge;
