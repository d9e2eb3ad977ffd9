package io.cdnpurge.internal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void replacesEveryOccurrenceOfASecret() {
        Redactor redactor = new Redactor(List.of("tok-123456"));

        assertThat(redactor.scrub("Bearer tok-123456 and again tok-123456"))
                .isEqualTo("Bearer [REDACTED] and again [REDACTED]");
    }

    @Test
    void masksTheLongerOfTwoOverlappingSecretsWhole() {
        Redactor redactor = new Redactor(List.of("abcd", "abcd-efgh-ijkl"));

        assertThat(redactor.scrub("key=abcd-efgh-ijkl")).isEqualTo("key=[REDACTED]");
    }

    @Test
    void ignoresSecretsTooShortToBeCredentials() {
        Redactor redactor = new Redactor(List.of("a", "ab", "abc"));

        assertThat(redactor.scrub("a cab")).isEqualTo("a cab");
    }

    @Test
    void ignoresNullSecrets() {
        Redactor redactor = new Redactor(Arrays.asList(null, "tok-123456"));

        assertThat(redactor.scrub("tok-123456")).isEqualTo("[REDACTED]");
    }

    @Test
    void leavesNullTextNull() {
        assertThat(new Redactor(List.of("tok-123456")).scrub(null)).isNull();
    }
}
