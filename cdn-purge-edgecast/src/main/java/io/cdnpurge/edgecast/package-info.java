/**
 * The Edgecast provider: purge and load (pre-warm) through Edgecast's classic MCC REST API
 * ({@code https://api.edgecast.com/v2/mcc/customers/{account}/edge/…}). Built to the documented contract and verified
 * against fakes only: the platform's service ended on 2025-01-15 (most customers moved to Akamai).
 */
package io.cdnpurge.edgecast;
