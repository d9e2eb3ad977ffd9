package io.cdnpurge.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential minted at run time (a password grant, OAuth client credentials): minted through the engine when
 * first needed, minted again shortly before it expires, and once more when the vendor says it has expired. Every
 * minted token is added to the client's {@link Secrets} before it is used, so it is redacted like a configured
 * credential. Thread-safe: concurrent calls share one minting.
 *
 * <pre>{@code
 * TokenProvider tokens = new TokenProvider(requests -> requests.send(PurgeEvent.Purpose.TOKEN,
 *         "POST /auth/token", () -> passwordGrant()), secrets, clock, Duration.ofMinutes(1));
 * return requests.send(PurgeEvent.Purpose.PURGE, null, () -> {
 *     String bearer = tokens.token(requests);   // inside the request: each attempt asks again
 *     Response answer = post(bearer);
 *     if (saysExpired(answer)) {
 *         tokens.expired(bearer);
 *         throw new PurgeAuthenticationException("…", 401, null, null, true);  // sent once more, with a new token
 *     }
 *     return acknowledgement(answer);
 * });
 * }</pre>
 */
public final class TokenProvider {
    /** Mints a token; its request goes through the {@link VendorRequests} it is given. */
    @FunctionalInterface
    public interface Minter {
        Token mint(VendorRequests requests);
    }

    /** A minted token and when it expires. Immutable. */
    public static final class Token {
        private final String value;
        private final Instant expiresAt;

        /** @param expiresAt when the vendor said it expires, or null when it did not say */
        public Token(String value, Instant expiresAt) {
            this.value = Objects.requireNonNull(value, "value cannot be null");
            this.expiresAt = expiresAt;
        }

        public String value() {
            return value;
        }

        public Optional<Instant> expiresAt() {
            return Optional.ofNullable(expiresAt);
        }

        @Override
        public String toString() {
            return "Token{[REDACTED]" + (expiresAt == null ? "" : ", expires " + expiresAt) + "}";
        }
    }

    private final Minter minter;
    private final Secrets secrets;
    private final Clock clock;
    private final Duration refreshBefore;
    private Token current;

    /**
     * @param secrets       where every minted token is added
     * @param refreshBefore how long before its expiry a token is replaced
     */
    public TokenProvider(Minter minter, Secrets secrets, Clock clock, Duration refreshBefore) {
        this.minter = Objects.requireNonNull(minter, "minter cannot be null");
        this.secrets = Objects.requireNonNull(secrets, "secrets cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        this.refreshBefore = Objects.requireNonNull(refreshBefore, "refreshBefore cannot be null");
    }

    /** A token valid for a while yet: the current one, or a new one minted through {@code requests}. */
    public synchronized String token(VendorRequests requests) {
        if (current == null || current.expiresAt != null
                && !clock.instant().isBefore(current.expiresAt.minus(refreshBefore))) {
            Token minted = Objects.requireNonNull(minter.mint(requests), "minter returned no token");
            secrets.add(minted.value);
            current = minted;
        }
        return current.value;
    }

    /** The vendor said this token has expired: the next {@link #token} mints a new one. */
    public synchronized void expired(String token) {
        if (current != null && current.value.equals(token)) {
            current = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "TokenProvider{" + (current == null ? "no token" : current) + "}";
    }
}
