package dev.ecspublicip.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.NoSuchConfigRuleException;

class FailedCallTest {
    private final ConfigStandIn config = new ConfigStandIn();

    @AfterEach
    void close() {
        config.close();
    }

    private NoSuchConfigRuleException failedDescribe(ConfigClient client) {
        config.on(
                "DescribeConfigRules",
                call -> Reply.error(
                        400, "NoSuchConfigRuleException", "The ConfigRule 'r' provided in the request is invalid."));
        return assertThrows(
                NoSuchConfigRuleException.class,
                () -> client.describeConfigRules(request -> request.configRuleNames("r")));
    }

    @Test
    void aClientOfOursNamesTheCallItsExceptionEndedAndKeepsTheExceptionsType() {
        try (ConfigClient client = config.client(AwsClients::configure)) {
            NoSuchConfigRuleException failure = failedDescribe(client);

            FailedCall call = FailedCall.of(failure).orElseThrow();
            assertEquals("DescribeConfigRules", call.operation());
            assertEquals("config", call.service());
            assertEquals("us-east-1", call.region());
            assertEquals(1, failure.getSuppressed().length, "named once");
        }
    }

    @Test
    void theCallIsFoundThroughTheExceptionsThatWrapIt() {
        try (ConfigClient client = config.client(AwsClients::configure)) {
            IllegalStateException wrapped = new IllegalStateException("sweep failed", failedDescribe(client));

            assertEquals(
                    "DescribeConfigRules (config, us-east-1)",
                    FailedCall.of(wrapped).orElseThrow().getMessage());
        }
    }

    @Test
    void anExceptionNoSdkCallOfOursEndedNamesNoCall() {
        try (ConfigClient plain = config.client(builder -> builder)) {
            assertEquals(Optional.empty(), FailedCall.of(failedDescribe(plain)));
        }
        assertTrue(FailedCall.of(new IllegalStateException("not a call")).isEmpty());
    }
}
