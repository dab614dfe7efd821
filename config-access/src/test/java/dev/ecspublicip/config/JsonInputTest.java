package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import org.junit.jupiter.api.Test;

/** The one JSON reader: what Gson's own parser would accept silently is refused here, naming the path. */
class JsonInputTest {

    private static String refused(String json, String field, String memberRoot) {
        return assertThrows(BadInputException.class, () -> JsonInput.parseObject(json, field, memberRoot))
                .getMessage();
    }

    @Test
    void aDuplicateKeyIsRefusedWhereGsonWouldLetTheLastOneWin() {
        String json = "{\"AssignPublicIp\":\"ENABLED\",\"AssignPublicIp\":\"DISABLED\"}";
        assertEquals(
                "DISABLED",
                JsonParser.parseString(json)
                        .getAsJsonObject()
                        .get("AssignPublicIp")
                        .getAsString());
        assertEquals("block.AssignPublicIp: duplicate key", refused(json, "block", "block"));
    }

    @Test
    void aKeySpelledWithEscapesIsTheSameKey() {
        assertEquals(
                "doc.AssignPublicIp: duplicate key",
                refused("{\"AssignPublicIp\":\"ENABLED\",\"Assign\\u0050ublicIp\":\"DISABLED\"}", "doc", "doc"));
    }

    @Test
    void aDuplicateKeyIsNamedByItsPathAtAnyDepthAndInArrays() {
        assertEquals("a.b[1].c: duplicate key", refused("{\"a\":{\"b\":[{},{\"c\":1,\"c\":1}]}}", "doc", ""));
        assertEquals("doc.x: duplicate key", refused("{\"x\":null,\"x\":null}", "doc", "doc"));
        // Keys that differ only in case are two keys here; the readers decide what two spellings mean.
        JsonObject cased = JsonInput.parseObject("{\"x\":1,\"X\":2}", "doc");
        assertEquals(2, cased.size());
    }

    @Test
    void aHugeDuplicateKeyIsShownCutWithItsLength() {
        String key = "\u202e" + "k".repeat(1 << 20);
        String message = refused("{\"" + key + "\":1,\"" + key + "\":2}", "doc", "doc");
        assertTrue(message.length() <= ErrorLine.MAX_LENGTH, "length " + message.length());
        assertTrue(message.startsWith("doc.\\u202Ekkk"), message);
        assertTrue(message.endsWith("…(1048577 characters): duplicate key"), message);
    }

    @Test
    void nestingDeeperThanTheLimitIsBadInputNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String message = refused(deep, "doc", "doc");
        assertTrue(message.startsWith("doc: is not valid JSON: "), message);
        assertTrue(message.length() <= ErrorLine.MAX_LENGTH);
    }

    @Test
    void aLongNumberIsKeptAsTextNotParsed() {
        String digits = "9".repeat(1000) + "e999999999999";
        JsonObject object = JsonInput.parseObject("{\"n\":" + digits + "}", "doc");
        assertEquals(digits, object.get("n").getAsString());
        assertTrue(object.get("n").getAsJsonPrimitive().isNumber());
    }

    @Test
    void valuesReadAsGsonReadsThem() {
        JsonObject object =
                JsonInput.parseObject("{\"s\":\"x\",\"n\":1.50,\"b\":true,\"z\":null,\"l\":[1,\"2\"]}", "doc");
        assertEquals(JsonParser.parseString("{\"s\":\"x\",\"n\":1.50,\"b\":true,\"z\":null,\"l\":[1,\"2\"]}"), object);
    }
}
