/**
 * The Highwinds provider: purges through the StrikeTracker API ({@code https://striketracker.highwinds.com/api/v1/…}).
 * Built to the documented contract and verified against fakes only: Highwinds became StackPath, whose CDN contracts
 * moved to Akamai.
 */
package io.cdnpurge.highwinds;
