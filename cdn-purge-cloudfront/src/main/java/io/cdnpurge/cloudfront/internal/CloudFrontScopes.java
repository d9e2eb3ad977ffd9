package io.cdnpurge.cloudfront.internal;

import io.cdnpurge.PurgeEvent;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.VendorRequests;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which distribution (or distribution tenant) a target goes to. A scope is written as CloudFront's API path
 * writes it: {@code distribution/E2QWRUHAPOMQZL} or {@code distribution-tenant/dt_2wjD...}.
 *
 * <p>A host is looked up in {@code cloudfront.tenants}, then {@code cloudfront.distributions} (exact names, then
 * {@code *.parent} wildcards), then, with discovery on, among the alternate domain names (CNAMEs) and
 * {@code *.cloudfront.net} domains of the account's distributions (ListDistributions, made by the engine as a
 * look-up, cached for {@code discovery.ttl} and refreshed at most once a minute on a miss), and last the default
 * distribution or tenant. Finding a scope never does I/O: a host only a listing can place is a look-up.
 * Cache tags and everything purges go to the default.
 */
final class CloudFrontScopes {
    static final String DISTRIBUTION = "distribution/";
    static final String TENANT = "distribution-tenant/";
    private static final Duration MISS_REFRESH = Duration.ofMinutes(1);

    private final CloudFrontSettings settings;
    private final CloudFrontClient client;
    private final Clock clock;
    /** Alias or domain (lower case, {@code *.} kept) → distribution id; guarded by this. */
    private Map<String, String> discovered;
    private Instant discoveredAt;
    /** The last listing's failure, given again to lookups for a minute; guarded by this. */
    private PurgeException failure;
    private Instant failedAt;

    CloudFrontScopes(CloudFrontSettings settings, CloudFrontClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    /** The default scope, if one is configured. */
    Optional<String> defaultScope() {
        if (settings.distributionTenantId != null) {
            return Optional.of(TENANT + settings.distributionTenantId);
        }
        return Optional.ofNullable(settings.distributionId).map(id -> DISTRIBUTION + id);
    }

    Scope scope(PurgeTarget target) {
        switch (target.kind()) {
            case TAG:
            case EVERYTHING:
                return Scope.of(defaultScope().orElseThrow(() -> new PurgeException(target + " needs a default "
                        + "distribution: set cloudfront.distributionId (or cloudfront.distributionTenantId); "
                        + "cache-tag and everything purges go to it")));
            default:
                return forHost(target.hostName().orElseThrow(), target);
        }
    }

    private Scope forHost(String host, PurgeTarget target) {
        Optional<String> tenant = lookup(settings.tenants, host);
        if (tenant.isPresent()) {
            return Scope.of(TENANT + tenant.get());
        }
        Optional<String> mapped = lookup(settings.distributions, host);
        if (mapped.isPresent()) {
            return Scope.of(DISTRIBUTION + mapped.get());
        }
        if (settings.discovery) {
            synchronized (this) {
                Instant now = clock.instant();
                boolean fresh = discovered != null && now.isBefore(discoveredAt.plus(settings.discoveryTtl));
                Optional<String> found = fresh ? lookup(discovered, host) : Optional.empty();
                if (found.isPresent()) {
                    return Scope.of(DISTRIBUTION + found.get());
                }
                boolean failedLately = failure != null && now.isBefore(failedAt.plus(MISS_REFRESH));
                if (failedLately) {
                    // one refused or failed listing is not asked again for every target of the purge
                    throw failure;
                }
                if (!fresh || !now.isBefore(discoveredAt.plus(MISS_REFRESH))) {
                    return Scope.lookUp(host, "distribution serving " + host);
                }
            }
        }
        return Scope.of(orDefault(host, target));
    }

    /** Finds the distribution of a host among the account's, listing them through the engine. */
    String lookUp(String host, VendorRequests requests) {
        synchronized (this) {
            Instant now = clock.instant();
            boolean fresh = discovered != null && now.isBefore(discoveredAt.plus(settings.discoveryTtl));
            Optional<String> known = fresh ? lookup(discovered, host) : Optional.empty();
            if (known.isPresent()) {
                return DISTRIBUTION + known.get();
            }
            if (failure != null && now.isBefore(failedAt.plus(MISS_REFRESH))) {
                throw failure;
            }
            if (!fresh || !now.isBefore(discoveredAt.plus(MISS_REFRESH))) {
                try {
                    load(now, requests);
                    failure = null;
                } catch (PurgeException e) {
                    failure = e;
                    failedAt = now;
                    throw e;
                }
            }
            Optional<String> found = lookup(discovered, host);
            if (found.isPresent()) {
                return DISTRIBUTION + found.get();
            }
        }
        return orDefault(host, null);
    }

    private String orDefault(String host, PurgeTarget target) {
        return defaultScope().orElseThrow(() -> new PurgeException("no CloudFront distribution serves " + host
                + (target == null ? "" : " (for " + target + ")") + (settings.discovery ? ": none of the account's "
                + "distributions has it as an alternate domain name;" : ":") + " map it with "
                + settings.clientName + ".distributions=" + host + "=<distribution id>, or set " + settings.clientName
                + ".distributionId"));
    }

    /** An exact name first, then the nearest {@code *.parent} wildcard. */
    static Optional<String> lookup(Map<String, String> map, String host) {
        String exact = map.get(host);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            String wildcard = map.get("*" + host.substring(dot));
            if (wildcard != null) {
                return Optional.of(wildcard);
            }
        }
        return Optional.empty();
    }

    /** Lists the account's distributions, one request per page, each through the engine. */
    private void load(Instant now, VendorRequests requests) {
        Map<String, String> aliases = new HashMap<>();
        String marker = null;
        int pages = 0;
        do {
            String current = marker;
            ListDistributionsResponse response = requests.send(PurgeEvent.Purpose.LOOKUP,
                    "GET /2020-05-31/distribution" + (current == null ? "" : "?Marker=" + current), () -> {
                        try {
                            return client.listDistributions(b -> b.marker(current).maxItems("100"));
                        } catch (SdkException e) {
                            throw CloudFrontErrors.map(e, "cloudfront:ListDistributions", "the account's "
                                    + "distributions (to find a host's distribution; or map hosts with "
                                    + settings.clientName + ".distributions)", clock, settings.clientName);
                        }
                    });
            DistributionList list = response.distributionList();
            if (list == null) {
                break;
            }
            for (DistributionSummary summary : list.items()) {
                if (summary.id() == null || !summary.id().matches(CloudFrontSettings.DISTRIBUTION_ID)) {
                    // an id becomes a segment of the invalidation path: a listing must not be able to redirect it
                    continue;
                }
                if (summary.domainName() != null) {
                    aliases.put(summary.domainName().toLowerCase(Locale.ROOT), summary.id());
                }
                if (summary.aliases() != null) {
                    for (String alias : summary.aliases().items()) {
                        aliases.put(alias.toLowerCase(Locale.ROOT), summary.id());
                    }
                }
            }
            marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
        } while (marker != null && ++pages < 1000);
        discovered = aliases;
        discoveredAt = now;
    }

    /** The API path of a scope's invalidations, for descriptions. */
    static String invalidationPath(String scope) {
        return "/2020-05-31/" + scope + "/invalidation";
    }

    /** The scope in words, for messages: {@code distribution E2QWRUHAPOMQZL}. */
    static String describe(String scope) {
        return scope.replace('/', ' ');
    }

    static boolean isTenant(String scope) {
        return scope.startsWith(TENANT);
    }

    static String id(String scope) {
        return scope.substring(scope.indexOf('/') + 1);
    }
}
