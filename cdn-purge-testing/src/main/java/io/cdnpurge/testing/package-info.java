/**
 * Test support that needs nothing but cdn-purge itself: an in-memory recording client on virtual time, a fake clock,
 * and the key-table check for providers' documentation. The vendor API fakes are in {@code cdn-purge-fakes}.
 * Non-null unless documented otherwise.
 */
package io.cdnpurge.testing;
