package io.cdnpurge;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A CDN host that serves the objects of a storage bucket (an S3 bucket, say): an object {@code key} of the bucket is
 * the URL {@code https://<host>/<key>}. Without clients the URL goes where the router's {@link Route}s send it;
 * with clients ({@link #to}) it goes to those clients alone, with the route's {@link #action()}, e.g. a load into
 * one CDN's cache while the others purge. Immutable.
 *
 * <pre>{@code
 * CdnPurge.router()
 *         .client("edgecast", edgecast).client("fastly", fastly)
 *         .route(Route.host("www.example.com").to("fastly"))
 *         .bucket(BucketRoute.of("assets", "www.example.com"))                  // purged through the routes
 *         .bucket(BucketRoute.of("assets", "www.example.com").to("edgecast").action(PurgeAction.PREFETCH))
 *         .build()
 *         .purgeObjects("assets", List.of("img/logo.png"));
 * }</pre>
 */
public final class BucketRoute {
    private final String bucket;
    private final String host;
    private final List<String> clients;
    private final PurgeAction action;

    private BucketRoute(String bucket, String host, List<String> clients, PurgeAction action) {
        this.bucket = bucket;
        this.host = host;
        this.clients = clients;
        this.action = action;
    }

    /**
     * The host serving the bucket's objects, through the routes, purged.
     *
     * @throws IllegalArgumentException when the bucket is blank or the host is not a host name
     */
    public static BucketRoute of(String bucket, String host) {
        Objects.requireNonNull(bucket, "bucket cannot be null");
        Objects.requireNonNull(host, "host cannot be null");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("a bucket route needs a bucket name; the host is " + host);
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (!name.matches(Route.HOST_NAME)) {
            throw new IllegalArgumentException("the host '" + host + "' of bucket " + bucket + " is not a host name "
                    + "such as www.example.com");
        }
        return new BucketRoute(bucket, name, List.of(), PurgeAction.PURGE);
    }

    /** The same, sent to these clients alone rather than through the routes. */
    public BucketRoute to(String... clientNames) {
        if (clientNames.length == 0) {
            throw new IllegalArgumentException("bucket route " + this + ": to() needs at least one client");
        }
        for (String name : clientNames) {
            Objects.requireNonNull(name, "client name cannot be null");
        }
        return new BucketRoute(bucket, host, List.of(clientNames), action);
    }

    /** The same, asking for this action ({@link PurgeAction#PREFETCH}: load into the cache). */
    public BucketRoute action(PurgeAction what) {
        return new BucketRoute(bucket, host, clients, Objects.requireNonNull(what, "action cannot be null"));
    }

    public String bucket() {
        return bucket;
    }

    public String host() {
        return host;
    }

    /** The clients it names; empty when its URLs go through the routes. */
    public List<String> clients() {
        return clients;
    }

    public PurgeAction action() {
        return action;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof BucketRoute)) {
            return false;
        }
        BucketRoute that = (BucketRoute) other;
        return bucket.equals(that.bucket) && host.equals(that.host) && clients.equals(that.clients)
                && action == that.action;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, host, clients, action);
    }

    @Override
    public String toString() {
        return bucket + " → " + host + (clients.isEmpty() ? " (through the routes)" : " → " + String.join(", ",
                clients)) + (action == PurgeAction.PURGE ? "" : ", " + action.name().toLowerCase(Locale.ROOT));
    }
}
