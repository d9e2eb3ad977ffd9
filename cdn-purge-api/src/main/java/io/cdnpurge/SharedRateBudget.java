package io.cdnpurge;

import java.time.Duration;
import java.util.Optional;

/**
 * A rate budget shared by every client, in every process, that uses one vendor account. A vendor counts its limits
 * per account (Akamai's Fast Purge buckets are shared by every API client of the account), so ten instances that each
 * keep the vendor's rate on their own draw ten times the rate together, and 429s. With a budget set in
 * {@link ClientOptions.Builder#sharedRateBudget}, each request waits for its client's own limits first, then reserves
 * the same permits from the account's budget, which every instance sees.
 *
 * <p>{@code Bucket4jRateBudget} in {@code cdn-purge-bucket4j} keeps it in PostgreSQL (or any Bucket4j backend).
 * Implementations must be thread-safe.
 */
public interface SharedRateBudget {

    /**
     * Reserves {@code permits} of one of the account's limits for a request sent after the returned wait (lending
     * ahead: reservations queue behind one another); or, when that wait would be longer than {@code maxWait},
     * reserves nothing and returns empty.
     *
     * @param account the account's name in the budget ({@code <p>.rateLimit.account}); never a credential
     * @param limit   the limit with the client's rate and burst (or window), overrides applied
     * @throws RuntimeException when the budget cannot be reached; the engine then goes by the client's own limits
     *                          for that request, saying so in a {@link PurgeEvent.Type#WAITING} event
     */
    Optional<Duration> reserve(String account, RateLimit limit, long permits, Duration maxWait);

    /**
     * Gives back what a request took: the vendor refused it, and a refused request uses none of the vendor's
     * permits.
     */
    void refund(String account, RateLimit limit, long permits);
}
