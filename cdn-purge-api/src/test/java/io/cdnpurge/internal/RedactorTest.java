package io.cdnpurge.internal;

import org.junit.jupiter.api.Test;

import io.cdnpurge.spi.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void replacesEveryOccurrenceOfASecret() {
        Redactor redactor = new Redactor(Secrets.of("tok-123456"));

        assertThat(redactor.scrub("Bearer tok-123456 and again tok-123456"))
                .isEqualTo("Bearer [REDACTED] and again [REDACTED]");
    }

    @Test
    void masksTheLongerOfTwoOverlappingSecretsWhole() {
        Redactor redactor = new Redactor(Secrets.of("abcd", "abcd-efgh-ijkl"));

        assertThat(redactor.scrub("key=abcd-efgh-ijkl")).isEqualTo("key=[REDACTED]");
    }

    @Test
    void ignoresSecretsTooShortToBeCredentials() {
        Redactor redactor = new Redactor(Secrets.of("a", "ab", "abc"));

        assertThat(redactor.scrub("a cab")).isEqualTo("a cab");
    }

    @Test
    void ignoresNullSecrets() {
        Redactor redactor = new Redactor(Secrets.of(null, "tok-123456"));

        assertThat(redactor.scrub("tok-123456")).isEqualTo("[REDACTED]");
    }

    @Test
    void leavesNullTextNull() {
        assertThat(new Redactor(Secrets.of("tok-123456")).scrub(null)).isNull();
    }
}
