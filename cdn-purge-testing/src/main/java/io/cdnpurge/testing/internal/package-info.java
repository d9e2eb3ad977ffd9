/** Implementation of the test support. Not exported: no compatibility promise. */
package io.cdnpurge.testing.internal;
