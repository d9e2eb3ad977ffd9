package io.cdnpurge.verify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CacheStatusTest {

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // Cloudflare's documented values
            "CF-Cache-Status     | HIT                                           | HIT",
            "CF-Cache-Status     | STALE                                         | HIT",
            "CF-Cache-Status     | UPDATING                                      | HIT",
            "CF-Cache-Status     | REVALIDATED                                   | HIT",
            "CF-Cache-Status     | MISS                                          | MISS",
            "CF-Cache-Status     | EXPIRED                                       | MISS",
            "CF-Cache-Status     | BYPASS                                        | NOT_CACHED",
            "CF-Cache-Status     | DYNAMIC                                       | NOT_CACHED",
            "CF-Cache-Status     | NONE                                          | NOT_CACHED",
            "CF-Cache-Status     | hit                                           | HIT",
            // Akamai's Return Cache Status behaviour, child alone or child and parent
            "Akamai-Cache-Status | Hit from child                                | HIT",
            "Akamai-Cache-Status | Miss from child, Hit from parent              | HIT",
            "Akamai-Cache-Status | Miss from child, Miss from parent             | MISS",
            "Akamai-Cache-Status | RefreshHit from child                         | HIT",
            "Akamai-Cache-Status | HitStale from child                           | HIT",
            "Akamai-Cache-Status | NotCacheable from child                       | NOT_CACHED",
            "Akamai-Cache-Status | Constructed from child                        | OTHER",
            "Akamai-Cache-Status | Error from child                              | OTHER",
            // Fastly, shielding gives one entry per cache
            "X-Cache             | HIT                                           | HIT",
            "X-Cache             | MISS                                          | MISS",
            "X-Cache             | MISS, HIT                                     | HIT",
            "X-Cache             | MISS, MISS                                    | MISS",
            // CloudFront
            "X-Cache             | Hit from cloudfront                           | HIT",
            "X-Cache             | RefreshHit from cloudfront                    | HIT",
            "X-Cache             | Miss from cloudfront                          | MISS",
            "X-Cache             | Error from cloudfront                         | OTHER",
            "X-Cache             | FunctionGeneratedResponse from cloudfront     | OTHER",
            // Akamai's, asked for with Pragma: akamai-x-cache-on
            "X-Cache             | TCP_MEM_HIT from a23-1-2-3.deploy.akamaitechnologies.com (AkamaiGHost/11.4.1-1) (-) | HIT",
            "X-Cache             | TCP_REFRESH_MISS from a23-1-2-3.deploy.akamaitechnologies.com (AkamaiGHost/11.4.1-1) (-) | MISS",
            "X-Cache             | TCP_DENIED from a23-1-2-3.deploy.akamaitechnologies.com (AkamaiGHost/11.4.1-1) (-) | OTHER",
    })
    void eachCdnsCacheStatusIsReadAsAHitAMissNotCachedOrOther(String header, String value, CacheStatus.State state) {
        assertThat(CacheStatus.classify(header, value)).isEqualTo(state);
    }

    @Test
    void theFirstHeaderFoundIsRead() {
        Map<String, String> headers = Map.of("X-Cache", "MISS", "CF-Cache-Status", "HIT");
        CacheStatus status = CacheStatus.read(headers::get);

        assertThat(status.toString()).isEqualTo("CF-Cache-Status: HIT");
        assertThat(status.state).isEqualTo(CacheStatus.State.HIT);
        assertThat(CacheStatus.read(name -> null)).isNull();
        assertThat(CacheStatus.read(Map.of("X-Cache", " ")::get)).isNull();
    }

    @Test
    void anAgeIsWholeSecondsOrNothing() {
        assertThat(EdgeVerifier.age("120")).hasSeconds(120);
        assertThat(EdgeVerifier.age(" 0 ")).isZero();
        assertThat(EdgeVerifier.age(null)).isNull();
        assertThat(EdgeVerifier.age("-1")).isNull();
        assertThat(EdgeVerifier.age("1.5")).isNull();
        assertThat(EdgeVerifier.age("99999999999999")).isNull();
    }
}
