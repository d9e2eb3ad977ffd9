package io.cdnpurge.akamai.internal;

import io.cdnpurge.AccessCheck;
import io.cdnpurge.spi.VendorRequests;
import io.cdnpurge.PurgeEvent;
import io.cdnpurge.http.Json;
import io.cdnpurge.BatchLimit;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeException;
import io.cdnpurge.PurgeMode;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeTarget;
import io.cdnpurge.PurgeTarget.Kind;
import io.cdnpurge.RateLimit;
import io.cdnpurge.akamai.AkamaiNetwork;
import io.cdnpurge.http.HttpJson;
import io.cdnpurge.http.HttpSettings;
import io.cdnpurge.http.VendorErrors;
import io.cdnpurge.http.VendorResponse;
import io.cdnpurge.spi.BatchResult;
import io.cdnpurge.spi.PurgeBackend;
import io.cdnpurge.spi.PurgeBatch;
import io.cdnpurge.spi.PurgeCall;
import io.cdnpurge.spi.Scope;
import io.cdnpurge.spi.Secrets;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Akamai Fast Purge v3: {@code POST /ccu/v3/{invalidate|delete}/{url|cpcode|tag}/{network}} with
 * {@code {"objects":[…]}}, one object type per request, each body within 50,000 bytes, signed with EdgeGrid.
 */
public final class AkamaiBackend implements PurgeBackend {
    /** {@code {"objects":[]}}: the bytes of the body around the objects. */
    public static final int ENVELOPE_BYTES = 14;
    /** The comma between two objects. */
    public static final int SEPARATOR_BYTES = 1;
    /** Akamai's longest cache tag. */
    static final int MAX_TAG_CHARACTERS = 128;
    /** The symbols an Akamai cache tag may hold besides letters and digits. */
    static final String TAG_SYMBOLS = "!#$%&'+-.^_`|~";

    private final PurgeCapabilities capabilities;
    private final AkamaiCredential credential;
    private final EdgeGridSigning signing;
    private final HttpSettings settings;
    private final OkHttpClient http;
    private final AkamaiNetwork network;
    private final String accountSwitchKey;
    private final int maxBodyBytes;
    private final Clock clock;
    private final Secrets secrets;

    public AkamaiBackend(AkamaiCredential credential, EdgeGridSigning signing, HttpSettings settings,
                         AkamaiNetwork network, String accountSwitchKey, int maxBodyBytes, Clock clock) {
        this.credential = credential;
        this.signing = signing;
        this.settings = settings;
        this.http = HttpJson.client(settings);
        this.network = network;
        this.accountSwitchKey = accountSwitchKey;
        this.maxBodyBytes = maxBodyBytes;
        this.capabilities = capabilities(maxBodyBytes);
        this.clock = clock;
        // whether read from configuration or from an .edgerc file, the credential is redacted everywhere
        this.secrets = Secrets.of(credential.secrets());
    }

    /**
     * What Fast Purge can purge: URLs, CP codes and cache tags, invalidated or deleted, with the account's token
     * buckets (Akamai's rate-limiting table): requests 50/s (burst 100), URLs 12,000/min (10,000), tags 500/min
     * (5,000), CP codes 30/min (300). No request may carry more objects than its bucket holds.
     */
    public static PurgeCapabilities capabilities(int maxBodyBytes) {
        return PurgeCapabilities.builder()
                .kind(Kind.URL, BatchLimit.itemsAndBytes(10_000, maxBodyBytes, ENVELOPE_BYTES, SEPARATOR_BYTES))
                .kind(Kind.TAG, BatchLimit.itemsAndBytes(5_000, maxBodyBytes, ENVELOPE_BYTES, SEPARATOR_BYTES))
                .kind(Kind.CP_CODE, BatchLimit.itemsAndBytes(300, maxBodyBytes, ENVELOPE_BYTES, SEPARATOR_BYTES))
                .modes(PurgeMode.INVALIDATE, PurgeMode.DELETE)
                .rateLimits(List.of(
                        RateLimit.requests("requests", 50, Duration.ofSeconds(1), 100),
                        RateLimit.items("urls", 12_000, Duration.ofMinutes(1), 10_000).forKinds(Kind.URL),
                        RateLimit.items("tags", 500, Duration.ofMinutes(1), 5_000).forKinds(Kind.TAG),
                        RateLimit.items("cpcodes", 30, Duration.ofMinutes(1), 300).forKinds(Kind.CP_CODE)))
                .statusApi(false)
                .build();
    }

    @Override
    public String providerId() {
        return "akamai";
    }

    @Override
    public PurgeCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<String> problem(PurgeTarget target, PurgeRequest request) {
        if (target.kind() == Kind.TAG) {
            return tagProblem(target.value());
        }
        if (target.kind() != Kind.URL) {
            return Optional.empty();
        }
        String url = target.value();
        if (!target.headers().isEmpty()) {
            return Optional.of("url " + url + " has cache-key headers: Akamai purges a URL for every cache key, "
                    + "so purge it without headers");
        }
        if (url.indexOf('*') >= 0) {
            return Optional.of("url " + url + " has a '*': Fast Purge has no wildcards; purge the CP code or a "
                    + "cache tag the objects carry instead");
        }
        // non-ASCII characters, which Akamai refuses as a bad URL, are percent-encoded in every URL target already
        return Optional.empty();
    }

    /**
     * Akamai's cache-tag rules: at most 128 characters of an HTTP token without {@code / \\}. A longer tag is
     * accepted and then silently purges nothing, so it is refused here.
     */
    private static Optional<String> tagProblem(String tag) {
        if (tag.length() > MAX_TAG_CHARACTERS) {
            return Optional.of("tag " + tag.substring(0, 40) + "… is " + tag.length() + " characters long: Akamai "
                    + "accepts a tag over " + MAX_TAG_CHARACTERS + " characters but purges nothing with it");
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!Character.isLetterOrDigit(c) && TAG_SYMBOLS.indexOf(c) < 0) {
                return Optional.of("tag " + tag + " has '" + c + "', which Akamai cache tags cannot contain: "
                        + "use letters, digits and " + TAG_SYMBOLS);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> alternative(Kind kind) {
        switch (kind) {
            case PREFIX:
            case HOST:
            case EVERYTHING:
                return Optional.of("Fast Purge has no " + (kind == Kind.EVERYTHING ? "purge-all"
                        : kind.name().toLowerCase(java.util.Locale.ROOT) + " purge") + "; purge the CP code that "
                        + "serves the content (PurgeTarget.cpCode) or a cache tag its objects carry "
                        + "(PurgeTarget.tag) instead");
            default:
                return Optional.empty();
        }
    }

    /** One scope: the network every call goes to. */
    @Override
    public Scope scope(PurgeTarget target) {
        return Scope.of(network.toString());
    }

    @Override
    public int itemBytes(PurgeTarget target) {
        return target.kind() == Kind.CP_CODE ? target.value().length() : HttpJson.jsonStringBytes(target.value());
    }

    @Override
    public PurgeCall call(PurgeBatch batch) {
        return PurgeCall.of(batch, () -> {
            int bytes = ENVELOPE_BYTES + (batch.targets().size() - 1) * SEPARATOR_BYTES;
            for (PurgeTarget target : batch.targets()) {
                bytes += itemBytes(target);
            }
            return "POST " + path(batch) + " objects×" + batch.targets().size() + " (" + bytes + " bytes)";
        }, () -> purge(batch));
    }

    private String path(PurgeBatch batch) {
        return "/ccu/v3/" + operation(batch.mode()) + "/" + type(batch.kind()) + "/" + batch.scope();
    }

    /**
     * {@code POST /ccu/v3/rate-limit-status/url}, signed: Akamai's count of the requests and URL objects left in the
     * account's buckets. It purges nothing; a 201 proves the credential signs and reaches Fast Purge. Which CP codes
     * and URLs it may purge shows only when they are purged (a 403 per object).
     * (<a href="https://techdocs.akamai.com/purge-cache/reference/post-rate-limit-status">Check rate and object limit
     * statuses</a>)
     */
    @Override
    public AccessCheck checkAccess(String clientName, VendorRequests requests) {
        return requests.send(PurgeEvent.Purpose.ACCESS, "POST /ccu/v3/rate-limit-status/url", () -> {
            HttpUrl.Builder url = settings.url("ccu", "v3", "rate-limit-status", "url");
            if (accountSwitchKey != null) {
                url.addEncodedQueryParameter("accountSwitchKey", accountSwitchKey);
            }
            Request request = signing.sign(HttpJson.request().url(url.build())
                    .post(RequestBody.create(new byte[0], HttpJson.JSON)).build());
            VendorResponse response = VendorResponse.execute(http, request, "akamai");
            if (!response.successful()) {
                throw AkamaiErrors.of(response, Kind.URL, 0, objectsPerSecond(Kind.URL), credential, clock);
            }
            String requestsLeft = response.header("X-Ratelimit-Remaining").orElse("?");
            String objectsLeft = response.header("X-Ratelimit-Remaining-Objects").orElse("?");
            return AccessCheck.of(clientName, AccessCheck.Verdict.CREDENTIAL_ONLY, "the credential signs and reaches "
                    + "Fast Purge (rate-limit status answered " + response.status() + ": " + requestsLeft
                    + " requests and " + objectsLeft + " URL objects left); which CP codes and URLs it may purge "
                    + "shows only when they are purged");
        });
    }

    private BatchResult purge(PurgeBatch batch) {
        byte[] body = HttpJson.toJson(body(batch));
        if (body.length > maxBodyBytes) {
            // the planner keeps every body within the limit; sending a larger one would only earn a 413
            throw new PurgeException("a Fast Purge body of " + body.length + " bytes exceeds " + maxBodyBytes
                    + " bytes and was not sent; this is a bug in cdn-purge, please report it");
        }
        HttpUrl.Builder url = settings.url("ccu", "v3", operation(batch.mode()), type(batch.kind()), batch.scope());
        if (accountSwitchKey != null) {
            // validated to need no escapes, so the query is signed exactly as sent
            url.addEncodedQueryParameter("accountSwitchKey", accountSwitchKey);
        }
        Request request = signing.sign(HttpJson.request().url(url.build())
                .post(RequestBody.create(body, HttpJson.JSON)).build());
        VendorResponse response = VendorResponse.execute(http, request, "akamai");
        if (!response.successful()) {
            throw AkamaiErrors.of(response, batch.kind(), batch.targets().size(), objectsPerSecond(batch.kind()),
                    credential, clock);
        }
        if (!AkamaiErrors.acknowledged(response)) {
            throw VendorErrors.unrecognised("akamai", response, "201 with {\"httpStatus\":201,\"supportId\":…}",
                    null);
        }
        Json answer = response.json();
        String supportId = text(answer, "supportId");
        String purgeId = text(answer, "purgeId");
        BatchResult.Builder result = BatchResult.builder(response.status())
                .reference(purgeId != null ? purgeId : supportId)
                .requestId(supportId);
        Json seconds = answer.path("estimatedSeconds");
        // no status API in v3: completion follows Akamai's estimate (about five seconds)
        result.estimatedCompletion(Duration.ofSeconds(seconds.canConvertToLong() ? Math.max(0, seconds.asLong()) : 5));
        rateLimitState(response, result);
        return result.build();
    }

    /** A spent bucket, as the answer's {@code X-Ratelimit-*} headers tell it, holds back the next call. */
    private static void rateLimitState(VendorResponse response, BatchResult.Builder result) {
        Optional<Double> requests = AkamaiErrors.header(response, "X-Ratelimit-Remaining");
        Optional<Double> objects = AkamaiErrors.header(response, "X-Ratelimit-Remaining-Objects");
        if (requests.isPresent() && requests.get() < 1) {
            double rate = AkamaiErrors.header(response, "X-Ratelimit-Limit-Per-Second").orElse(50.0);
            result.rateLimit(0, Duration.ofMillis(Math.max(1, Math.round(1000 / Math.max(rate, 0.001)))));
        } else if (objects.isPresent() && objects.get() < 1) {
            result.rateLimit(0, Duration.ofSeconds(1));
        } else if (requests.isPresent()) {
            result.rateLimit(requests.get().intValue(), null);
        }
    }

    /** The configured refill rate of the object bucket of a kind, for 429s without rate headers. */
    private double objectsPerSecond(Kind kind) {
        return capabilities.rateLimits().stream()
                .filter(limit -> limit.unit() == RateLimit.Unit.ITEMS && limit.appliesTo(kind))
                .mapToDouble(RateLimit::permitsPerSecond).findFirst().orElse(200);
    }

    private static String text(Json node, String field) {
        Json value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** {@code {"objects":[…]}}: URLs and tags as strings, CP codes as JSON integers. */
    static Map<String, Object> body(PurgeBatch batch) {
        List<Object> objects = new ArrayList<>(batch.targets().size());
        for (PurgeTarget target : batch.targets()) {
            objects.add(batch.kind() == Kind.CP_CODE ? (Object) Long.valueOf(target.value()) : target.value());
        }
        return Map.of("objects", objects);
    }

    private static String operation(PurgeMode mode) {
        return mode == PurgeMode.DELETE ? "delete" : "invalidate";
    }

    private static String type(Kind kind) {
        switch (kind) {
            case URL: return "url";
            case CP_CODE: return "cpcode";
            case TAG: return "tag";
            default: throw new IllegalArgumentException("Fast Purge has no operation for " + kind);
        }
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public void close() {
        // the OkHttp pool is shared by every client and reaps idle connections itself
    }

    @Override
    public String toString() {
        return "AkamaiBackend{" + settings.endpoint() + ", " + network + ", " + credential + "}";
    }
}
