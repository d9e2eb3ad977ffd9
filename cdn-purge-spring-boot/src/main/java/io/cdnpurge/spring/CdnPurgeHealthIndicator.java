package io.cdnpurge.spring;

import io.cdnpurge.ClientHealth;
import io.cdnpurge.PurgeClient;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of one client of the {@link PurgeClient} bean, from {@link PurgeClient#health()}: what the client already
 * knows, with no request to the vendor and no purge. DOWN while its circuit breaker is open (the vendor kept failing
 * and purges fail fast), else UP; the details are the provider, the breaker, the requests in flight, when the last
 * request ended and why it failed, the headroom of each rate limit and the provider's gauges. No credential is part
 * of a {@link ClientHealth}.
 */
public class CdnPurgeHealthIndicator extends AbstractHealthIndicator {
    private final PurgeClient client;
    private final String name;

    /** @param name the client's name among those the bean routes to */
    public CdnPurgeHealthIndicator(PurgeClient client, String name) {
        super("cdn-purge health check of " + name + " failed");
        this.client = client;
        this.name = name;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ClientHealth health = client.health().stream().filter(each -> each.client().equals(name)).findFirst()
                .orElse(null);
        if (health == null) {
            builder.unknown().withDetail("client", name + " is not among the clients of the PurgeClient bean");
            return;
        }
        (health.breaker() == ClientHealth.Breaker.OPEN ? builder.down() : builder.up()).withDetails(details(health));
    }

    /** A client's health as details: for the indicator and the endpoint alike. */
    static Map<String, Object> details(ClientHealth health) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", health.providerId());
        details.put("breaker", health.breaker().name());
        details.put("requestsInFlight", health.requestsInFlight());
        health.lastRequestAt().ifPresent(at -> details.put("lastRequestAt", at.toString()));
        health.lastFailure().ifPresent(failure -> details.put("lastFailure", failure));
        details.put("rateHeadroom", health.rateHeadroom());
        if (!health.gauges().isEmpty()) {
            details.put("gauges", health.gauges());
        }
        return details;
    }
}
