/**
 * The engine and its helpers. Not exported: no compatibility promise. Non-null unless documented otherwise.
 */
package io.cdnpurge.internal;
