package dev.ecspublicip.testing.process;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a remediation run from a built jar talks to: Config, ECS and EC2 stand-ins, with one ECS service
 * ({@code prod/web}) assigning public IPs, a NAT route for its subnet, and the item Config recorded for it.
 * Closing checks that no stand-in saw a request AWS would refuse.
 */
public final class RemediationStandIns implements AutoCloseable {
    public static final String SERVICE_ARN = EcsStandIn.serviceArn("prod", "web");
    /** The service's Config resource id: an opaque string, never parsed. */
    public static final String CONFIG_ID = SERVICE_ARN + "|prod";

    public final ConfigStandIn config = new ConfigStandIn();
    public final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    public final Ec2StandIn ec2 = new Ec2StandIn();

    /** The environment pointing the SDK's clients at the stand-ins. */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        environment.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString());
        return environment;
    }

    /** The service assigning public IPs, its subnet's NAT route, and Config's current item for it. */
    public RemediationStandIns withPublicService() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ecs.addService(service);
        ec2.subnet("subnet-a", "vpc-1")
                .routeTable("rtb-1", "vpc-1", true, List.of(), Ec2StandIn.Route.natGateway("nat-1"));
        JsonObject item = new JsonObject();
        item.addProperty("resourceType", "AWS::ECS::Service");
        item.addProperty("resourceId", CONFIG_ID);
        item.addProperty("arn", SERVICE_ARN);
        item.addProperty("configurationItemStatus", "OK");
        item.addProperty("configurationItemCaptureTime", 1.763647407518E9);
        item.addProperty("configuration", "{\"Cluster\": \"prod\", \"ServiceName\": \"web\"}");
        JsonArray items = new JsonArray();
        items.add(item);
        JsonObject response = new JsonObject();
        response.add("baseConfigurationItems", items);
        config.on("BatchGetResourceConfig", call -> Reply.ok(response));
        return this;
    }

    @Override
    public void close() {
        try {
            config.assertNoViolations();
            ecs.assertNoViolations();
            ec2.assertNoViolations();
        } finally {
            config.close();
            ecs.close();
            ec2.close();
        }
    }
}
