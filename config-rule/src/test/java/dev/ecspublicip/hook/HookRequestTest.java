package dev.ecspublicip.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which operation a hook request is for, and where its resource is, for ARN exemptions. */
class HookRequestTest {
    private static HookRequest read(String name) throws IOException {
        return HookRequest.parse(event(name));
    }

    private static JsonObject event(String name) throws IOException {
        return JsonParser.parseString(
                        Files.readString(Reference.testEvents().resolve("hook").resolve(name + ".json")))
                .getAsJsonObject();
    }

    @Test
    void aRequestWithTheStacksArnIsAStackResourceOperationInThatStacksAccountAndRegion() throws IOException {
        HookRequest request = read("service-create-public-ip-enabled");

        assertEquals(HookRequest.Operation.STACK_RESOURCE, request.operation());
        assertEquals(Optional.of(new AwsLocation("aws", "us-east-1", "123456789012")), request.location());
    }

    @Test
    void aRequestWithoutAStackIsACloudControlOperationInTheHookFunctionsPartitionAndRegion() throws IOException {
        JsonObject event = event("cloud-control-service-create-public-ip-enabled");
        event.addProperty("awsAccountId", "210987654321");
        event.getAsJsonObject("hookModel")
                .addProperty("LambdaFunction", "arn:aws-cn:lambda:cn-north-1:210987654321:function:hook");

        HookRequest request = HookRequest.parse(event);

        assertEquals(HookRequest.Operation.CLOUD_CONTROL, request.operation());
        assertEquals(Optional.of(new AwsLocation("aws-cn", "cn-north-1", "210987654321")), request.location());
    }

    @Test
    void aCloudControlRequestWithoutAnAccountOrFunctionHasNoPlaceForArnExemptions() throws IOException {
        JsonObject event = event("cloud-control-service-create-public-ip-enabled");
        event.remove("hookModel");

        assertEquals(Optional.empty(), HookRequest.parse(event).location());
    }
}
