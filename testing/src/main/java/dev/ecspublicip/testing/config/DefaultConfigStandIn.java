package dev.ecspublicip.testing.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension giving each test a {@link ConfigStandIn} that every Config client built without an
 * explicit endpoint, region or credentials reaches: it sets the SDK's standard system properties
 * ({@code aws.endpointUrlConfig}, {@code aws.region}, {@code aws.accessKeyId}, {@code aws.secretAccessKey})
 * and puts the previous values back after the test. For code that builds its own clients, such as a
 * deployment artifact loaded on its own, or code that must not build any.
 */
public final class DefaultConfigStandIn implements BeforeEachCallback, AfterEachCallback {
    /** Makes the stand-in for one test. */
    public interface Factory {
        ConfigStandIn create() throws IOException;
    }

    private final Map<String, String> previous = new LinkedHashMap<>();
    private final Factory factory;
    private ConfigStandIn config;

    public DefaultConfigStandIn() {
        this(ConfigStandIn::new);
    }

    public DefaultConfigStandIn(Factory factory) {
        this.factory = factory;
    }

    public ConfigStandIn config() {
        return config;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        config = factory.create();
        set("aws.endpointUrlConfig", config.endpoint().toString());
        set("aws.region", "us-east-1");
        set("aws.accessKeyId", "AKIDSYSTEMPROPERTIES");
        set("aws.secretAccessKey", "system-properties-secret");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        previous.clear();
        config.close();
    }

    private void set(String key, String value) {
        previous.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
