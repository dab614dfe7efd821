package dev.ecspublicip.testing.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.sts.StsStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What the query-protocol base checks before a stand-in answers, seen from the wire: requests are sent by
 * hand, since an SDK client never sends the malformed ones. The signature itself is not verified, only
 * that it is SigV4 scoped to the service.
 */
class QueryProtocolStandInTest {
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String signedFor(String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261202/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd";
    }

    private static HttpResponse<String> post(URI endpoint, String authorization, String contentType, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWellFormedRequestIsAnsweredAndRecordedWithTheKeyThatSignedIt() throws Exception {
        try (StsStandIn sts = new StsStandIn()) {
            HttpResponse<String> response =
                    post(sts.endpoint(), signedFor("sts"), FORM, "Action=GetCallerIdentity&Version=2011-06-15");

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("<Account>123456789012</Account>"), response.body());
            assertEquals("AKIDTEST", sts.calls().get(0).signedWithAccessKey());
            assertDoesNotThrow(sts::assertNoViolations);
        }
    }

    @Test
    void aRequestSignedForAnotherServiceIsRefusedInTheQueryErrorForm() throws Exception {
        try (StsStandIn sts = new StsStandIn()) {
            HttpResponse<String> response =
                    post(sts.endpoint(), signedFor("ec2"), FORM, "Action=GetCallerIdentity&Version=2011-06-15");

            assertEquals(400, response.statusCode());
            assertTrue(
                    response.body()
                            .startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                    + "<Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code>"),
                    response.body());
            assertEquals(0, sts.calls().size(), "a refused request is not answered");
            AssertionError violations = assertThrows(AssertionError.class, sts::assertNoViolations);
            assertTrue(violations.getMessage().contains("not signed with SigV4 for sts"), violations.getMessage());
        }
    }

    @Test
    void anUnsignedOrNonFormRequestIsRefused() throws Exception {
        try (Ec2StandIn ec2 = new Ec2StandIn()) {
            String form = "Action=DescribeSubnets&Version=2016-11-15";
            assertEquals(400, post(ec2.endpoint(), null, FORM, form).statusCode());
            assertEquals(
                    400,
                    post(ec2.endpoint(), signedFor("ec2"), "application/json", form)
                            .statusCode());

            AssertionError violations = assertThrows(AssertionError.class, ec2::assertNoViolations);
            assertTrue(violations.getMessage().startsWith("requests EC2 would reject: "), violations.getMessage());
            assertTrue(violations.getMessage().contains("Content-Type application/json"), violations.getMessage());
        }
    }

    @Test
    void aRequestOutsideTheModelIsRefusedInTheEc2ErrorForm() throws Exception {
        try (Ec2StandIn ec2 = new Ec2StandIn()) {
            HttpResponse<String> response = post(
                    ec2.endpoint(), signedFor("ec2"), FORM, "Action=DescribeSubnets&Version=2016-11-15&MaxResults=2");

            assertEquals(400, response.statusCode());
            assertTrue(
                    response.body().contains("<Response><Errors><Error><Code>InvalidParameterValue</Code>"),
                    response.body());
            assertTrue(response.body().contains("MaxResults: 2.0 is below the minimum 5"), response.body());
            assertEquals(0, ec2.calls().size());
            assertThrows(AssertionError.class, ec2::assertNoViolations);
        }
    }

    @Test
    void aParameterTheActionDoesNotTakeIsRefused() throws Exception {
        try (StsStandIn sts = new StsStandIn()) {
            String form = "Action=GetCallerIdentity&Version=2011-06-15&Extra=1";
            HttpResponse<String> response = post(sts.endpoint(), signedFor("sts"), FORM, form);

            assertEquals(400, response.statusCode());
            assertTrue(response.body().contains("<Code>ValidationError</Code>"), response.body());
            assertThrows(AssertionError.class, sts::assertNoViolations);
        }
    }
}
