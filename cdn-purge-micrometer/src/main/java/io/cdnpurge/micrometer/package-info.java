/**
 * Micrometer metrics and observations of purges, with no Spring needed. Non-null unless documented otherwise.
 *
 * @see <a href="https://docs.micrometer.io/micrometer/reference/observation.html">Micrometer Observation</a>
 */
package io.cdnpurge.micrometer;
