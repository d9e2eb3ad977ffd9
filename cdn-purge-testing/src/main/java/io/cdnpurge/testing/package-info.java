/**
 * Test support: an in-memory recording client, fake vendor APIs, a fake clock, and the compatibility kit every
 * provider passes. Non-null unless documented otherwise.
 */
package io.cdnpurge.testing;
