package io.cdnpurge.internal;

import io.cdnpurge.AlphaTestProvider;
import io.cdnpurge.BetaTestProvider;
import io.cdnpurge.ClientOptions;
import io.cdnpurge.InvalidConfigurationException;
import io.cdnpurge.PurgeCapabilities;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgeConfig;
import io.cdnpurge.UnknownProviderException;
import io.cdnpurge.spi.ClientSettings;
import io.cdnpurge.spi.PurgeProvider;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderRegistryTest {

    /** Another class claiming the id {@code alpha}. */
    static final class ImpostorAlphaProvider implements PurgeProvider {
        @Override
        public String id() {
            return "alpha";
        }

        @Override
        public PurgeCapabilities capabilities() {
            return PurgeCapabilities.builder().build();
        }

        @Override
        public PurgeClient create(ClientSettings settings, ClientOptions options) {
            throw new UnsupportedOperationException();
        }
    }

    /** Yields the given items in order, throwing the errors among them as a ServiceLoader iterator would. */
    private static Iterable<PurgeProvider> loading(Object... items) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items.length;
            }

            @Override
            public PurgeProvider next() {
                if (next >= items.length) {
                    throw new NoSuchElementException();
                }
                Object item = items[next++];
                if (item instanceof ServiceConfigurationError) {
                    throw (ServiceConfigurationError) item;
                }
                return (PurgeProvider) item;
            }
        };
    }

    private static ServiceConfigurationError brokenGamma() {
        return new ServiceConfigurationError("io.cdnpurge.spi.PurgeProvider: Provider com.example.GammaProvider "
                + "could not be instantiated", new NoClassDefFoundError("okhttp3/OkHttpClient"));
    }

    @Test
    void listsTheIdsSorted() {
        ProviderRegistry registry = new ProviderRegistry(loading(new BetaTestProvider(), new AlphaTestProvider()));

        assertThat(registry.ids()).containsExactly("alpha", "beta");
    }

    @Test
    void twoProvidersWithOneIdFailNamingBothClasses() {
        ProviderRegistry registry = new ProviderRegistry(loading(new AlphaTestProvider(), new ImpostorAlphaProvider()));

        assertThatThrownBy(() -> registry.provider("alpha"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(AlphaTestProvider.class.getName())
                .hasMessageContaining(ImpostorAlphaProvider.class.getName());
    }

    @Test
    void aDuplicateIdDoesNotHideTheOtherProviders() {
        ProviderRegistry registry = new ProviderRegistry(loading(new AlphaTestProvider(), new ImpostorAlphaProvider(),
                new BetaTestProvider()));

        assertThat(registry.provider("beta")).isInstanceOf(BetaTestProvider.class);
    }

    @Test
    void theSameProviderClassFoundTwiceIsNoDuplicate() {
        ProviderRegistry registry = new ProviderRegistry(loading(new AlphaTestProvider(), new AlphaTestProvider()));

        assertThat(registry.provider("alpha")).isInstanceOf(AlphaTestProvider.class);
    }

    @Test
    void aProviderThatFailsToLoadIsReportedInTheUnknownIdMessage() {
        ProviderRegistry registry = new ProviderRegistry(loading(new AlphaTestProvider(), brokenGamma(),
                new BetaTestProvider()));

        assertThatThrownBy(() -> registry.provider("gamma"))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessageContaining("known ids: alpha, beta")
                .hasMessageContaining("com.example.GammaProvider")
                .hasMessageContaining("okhttp3/OkHttpClient");
    }

    @Test
    void aProviderThatFailsToLoadDoesNotHideTheOthers() {
        ProviderRegistry registry = new ProviderRegistry(loading(brokenGamma(), new AlphaTestProvider()));

        assertThat(registry.ids()).containsExactly("alpha");
        assertThat(registry.broken()).singleElement().asString().contains("com.example.GammaProvider");
    }

    @Test
    void withNoProviderTheMessageSaysToAddAProviderModule() {
        ProviderRegistry registry = new ProviderRegistry(List.of());

        assertThatThrownBy(() -> registry.provider("fastly"))
                .isInstanceOfSatisfying(UnknownProviderException.class, e -> {
                    assertThat(e).hasMessageContaining("no provider was found");
                    assertThat(e.knownIds()).isEmpty();
                });
    }

    @Test
    void loadFindsTheProvidersOnTheClassPath() {
        assertThat(ProviderRegistry.load().ids()).containsExactly("alpha", "beta");
    }
}
