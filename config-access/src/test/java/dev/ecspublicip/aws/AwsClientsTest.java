package dev.ecspublicip.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AwsClientsTest {
    @Test
    void onlyTheUrlConnectionHttpClientIsOnTheClasspath() throws ClassNotFoundException {
        Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
        assertThrows(
                ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.http.apache.ApacheHttpClient"));
        assertThrows(
                ClassNotFoundException.class,
                () -> Class.forName("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"));
    }
}
