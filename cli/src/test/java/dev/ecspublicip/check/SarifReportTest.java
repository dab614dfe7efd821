package dev.ecspublicip.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Verdict;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which SARIF rule a finding is filed under; the report's validity is pinned in CheckReportsTest. */
class SarifReportTest {
    private static final Verdict PUBLIC = new Verdict(Compliance.NON_COMPLIANT, "AssignPublicIp is ENABLED");

    @Test
    void eachFindingIsFiledUnderTheRuleOfItsKindAndPointsAtThatRule() throws IOException {
        List<CheckedResource> found = List.of(
                new CheckedResource("a.yaml", "Service", "AWS::ECS::Service", PUBLIC, 3),
                new CheckedResource("a.yaml", "Set", "AWS::ECS::TaskSet", PUBLIC, 9),
                new CheckedResource("a.yaml", "Nightly", "AWS::Events::Rule", PUBLIC, 20),
                new CheckedResource("plan.json", "aws_sfn_state_machine.etl", "aws_sfn_state_machine", PUBLIC, 4),
                new CheckedResource("plan.json", "aws_ecs_task_set.blue", "aws_ecs_task_set", PUBLIC, 8));
        StringBuilder out = new StringBuilder();

        SarifReport.write(found, out);

        JsonObject run = JsonParser.parseString(out.toString())
                .getAsJsonObject()
                .getAsJsonArray("runs")
                .get(0)
                .getAsJsonObject();
        List<String> expected = List.of(
                "ecs-service-assigns-public-ip",
                "ecs-task-set-assigns-public-ip",
                "ecs-task-launcher-assigns-public-ip",
                "ecs-task-launcher-assigns-public-ip",
                "ecs-task-set-assigns-public-ip");
        for (int i = 0; i < expected.size(); i++) {
            JsonObject result = run.getAsJsonArray("results").get(i).getAsJsonObject();
            assertEquals(expected.get(i), result.get("ruleId").getAsString());
            int index = result.get("ruleIndex").getAsInt();
            assertEquals(
                    expected.get(i),
                    run.getAsJsonObject("tool")
                            .getAsJsonObject("driver")
                            .getAsJsonArray("rules")
                            .get(index)
                            .getAsJsonObject()
                            .get("id")
                            .getAsString());
        }
    }
}
