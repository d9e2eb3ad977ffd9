package io.cdnpurge;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A CDN host that serves the objects of a storage bucket (an S3 bucket, say): an object {@code key} of the bucket is
 * the URL {@code https://<host><path><key>} ({@link #path}: {@code /} unless set; {@link #schemes}: https unless
 * set). Without clients the URL goes where the router's {@link Route}s send it;
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
    private final String path;
    private final List<String> schemes;

    private BucketRoute(String bucket, String host, List<String> clients, PurgeAction action, String path,
                        List<String> schemes) {
        this.bucket = bucket;
        this.host = host;
        this.clients = clients;
        this.action = action;
        this.path = path;
        this.schemes = schemes;
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
        return new BucketRoute(bucket, name, List.of(), PurgeAction.PURGE, "/", List.of("https"));
    }

    /** The same, sent to these clients alone rather than through the routes. */
    public BucketRoute to(String... clientNames) {
        if (clientNames.length == 0) {
            throw new IllegalArgumentException("bucket route " + this + ": to() needs at least one client");
        }
        for (String name : clientNames) {
            Objects.requireNonNull(name, "client name cannot be null");
        }
        return new BucketRoute(bucket, host, List.of(clientNames), action, path, schemes);
    }

    /** The same, asking for this action ({@link PurgeAction#PREFETCH}: load into the cache). */
    public BucketRoute action(PurgeAction what) {
        return new BucketRoute(bucket, host, clients, Objects.requireNonNull(what, "action cannot be null"), path,
                schemes);
    }

    /**
     * The same, the objects under this path on the host: {@code /media/} makes key {@code a.png}
     * {@code https://<host>/media/a.png}. Starts and ends with {@code /}; written as it goes in the URL.
     */
    public BucketRoute path(String prefix) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.contains("//") || prefix.contains("/../")
                || prefix.contains("/./") || prefix.contains("?") || prefix.contains("#")) {
            throw new IllegalArgumentException("the path of bucket " + bucket + " on " + host + ", '" + prefix
                    + "', must start and end with / (e.g. /media/), without . or .. segments, ? or #");
        }
        return new BucketRoute(bucket, host, clients, action, prefix, schemes);
    }

    /**
     * The same, purged under each of these schemes ({@code https}, {@code http}): a CDN that keys its cache on the
     * scheme holds a copy per scheme.
     */
    public BucketRoute schemes(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("bucket route " + this + ": schemes() needs http, https or both");
        }
        List<String> chosen = new java.util.ArrayList<>();
        for (String name : names) {
            String scheme = Objects.requireNonNull(name, "scheme cannot be null").toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("bucket route " + this + ": scheme '" + name + "' is not http or "
                        + "https");
            }
            if (!chosen.contains(scheme)) {
                chosen.add(scheme);
            }
        }
        return new BucketRoute(bucket, host, clients, action, path, List.copyOf(chosen));
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

    /** The path on the host under which the bucket's keys are: {@code /} unless set. */
    public String path() {
        return path;
    }

    public List<String> schemes() {
        return schemes;
    }

    /** The URLs of an object: one per scheme, its key appended to the path as given (already a URL path). */
    List<String> urls(String encodedKey) {
        List<String> urls = new java.util.ArrayList<>(schemes.size());
        for (String scheme : schemes) {
            urls.add(scheme + "://" + host + path + encodedKey);
        }
        return urls;
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
                && action == that.action && path.equals(that.path) && schemes.equals(that.schemes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, host, clients, action, path, schemes);
    }

    @Override
    public String toString() {
        return bucket + " → " + (schemes.equals(List.of("https")) ? "" : String.join("+", schemes) + "://") + host
                + (path.equals("/") ? "" : path) + (clients.isEmpty() ? " (through the routes)" : " → " + String.join(", ",
                clients)) + (action == PurgeAction.PURGE ? "" : ", " + action.name().toLowerCase(Locale.ROOT));
    }
}
