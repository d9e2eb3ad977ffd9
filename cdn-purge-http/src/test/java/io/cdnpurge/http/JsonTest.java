package io.cdnpurge.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void readsAVendorEnvelope() {
        Json answer = Json.parse("{\"success\":false,\"errors\":[{\"code\":1134,\"message\":\"Zone not found\"},"
                + "{\"code\":\"7003\",\"message\":null}],\"result\":{\"id\":\"9a7806\",\"estimatedSeconds\":5},"
                + "\"ratio\":0.25}");

        assertThat(answer.isObject()).isTrue();
        assertThat(answer.path("success").isBoolean()).isTrue();
        assertThat(answer.path("success").asBoolean(true)).isFalse();
        assertThat(answer.path("errors").isArray()).isTrue();
        assertThat(answer.path("errors").size()).isEqualTo(2);
        assertThat(answer.path("errors").path(0).path("code").asInt(0)).isEqualTo(1134);
        assertThat(answer.path("errors").path(1).path("code").asInt(0)).isEqualTo(7003);
        assertThat(answer.path("errors").path(1).path("message").isNull()).isTrue();
        assertThat(answer.path("errors").path(1).path("message").asText("none")).isEqualTo("none");
        assertThat(answer.path("errors").path(1).hasNonNull("message")).isFalse();
        assertThat(answer.path("errors").path(0).hasNonNull("message")).isTrue();
        List<String> messages = new ArrayList<>();
        answer.path("errors").forEach(error -> messages.add(error.path("message").asText("")));
        assertThat(messages).containsExactly("Zone not found", "");
        assertThat(answer.path("result").path("id").asText(null)).isEqualTo("9a7806");
        assertThat(answer.path("result").path("estimatedSeconds").canConvertToLong()).isTrue();
        assertThat(answer.path("result").path("estimatedSeconds").asLong()).isEqualTo(5);
        assertThat(answer.path("ratio").asDouble(0)).isEqualTo(0.25);
        assertThat(answer.path("ratio").isNumber()).isTrue();
        assertThat(answer.fieldNames()).containsExactly("success", "errors", "result", "ratio");
    }

    @Test
    void largeObjectsAndArraysKeepEveryMemberInOrderAndARepeatedNameKeepsItsLastValue() {
        StringBuilder object = new StringBuilder("{");
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            array.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
        }
        Json parsed = Json.parse(object.append(",\"k7\":\"again\"}").toString());
        Json elements = Json.parse(array.append(']').toString());

        assertThat(parsed.size()).isEqualTo(40);
        assertThat(parsed.path("k39").asInt(0)).isEqualTo(39);
        assertThat(parsed.path("k7").asText()).isEqualTo("again");
        assertThat(parsed.fieldNames()).hasSize(40).startsWith("k0", "k1").endsWith("k39");
        List<String> values = new ArrayList<>();
        parsed.forEach(value -> values.add(value.asText()));
        assertThat(values).hasSize(40).startsWith("0", "1").contains("again").endsWith("39");
        assertThat(elements.size()).isEqualTo(40);
        assertThat(elements.path(39).asText()).isEqualTo("v39");
        List<String> items = new ArrayList<>();
        elements.forEach(item -> items.add(item.asText()));
        assertThat(items).hasSize(40).startsWith("v0").endsWith("v39");
        assertThat(Json.parse("{}").size()).isZero();
        assertThat(Json.parse("{}").isObject()).isTrue();
        assertThat(Json.parse("[]").isArray()).isTrue();
        assertThat(Json.parse("[1,2]")).isEqualTo(Json.parse("[1, 2]")).hasSameHashCodeAs(Json.parse("[1,2]"))
                .isNotEqualTo(Json.parse("[2,1]"));
    }

    @Test
    void navigationNeverFails() {
        Json answer = Json.parse("{\"result\":\"text\"}");

        assertThat(answer.path("nothing").isMissing()).isTrue();
        assertThat(answer.path("nothing").path("deeper").path(3).asText("default")).isEqualTo("default");
        assertThat(answer.path("result").path("id").isMissing()).isTrue();
        assertThat(answer.path("result").size()).isZero();
        assertThat(answer.path("result").iterator().hasNext()).isFalse();
        assertThat(answer.path(0).isMissing()).isTrue();
        assertThat(Json.parse("[1]").path(1).isMissing()).isTrue();
        assertThat(Json.parse("[1]").path(-1).isMissing()).isTrue();
        assertThat(answer.path("nothing").asBoolean(true)).isTrue();
        assertThat(answer.path("nothing").asInt(7)).isEqualTo(7);
        assertThat(answer.path("nothing").canConvertToLong()).isFalse();
    }

    @Test
    void bodiesThatAreNotJsonAreMissing() {
        assertThat(Json.parse(null).isMissing()).isTrue();
        assertThat(Json.parse("  ").isMissing()).isTrue();
        assertThat(Json.parse("<html><body>502 Bad Gateway</body></html>").isMissing()).isTrue();
        assertThat(Json.parse("{\"success\":tr").isMissing()).isTrue();
        assertThat(Json.parse("{\"a\":1").isMissing()).isTrue();
        assertThat(Json.parse("[".repeat(100_000)).isMissing()).isTrue();
        // what follows the first value is ignored, as a lenient reader does
        assertThat(Json.parse("{\"a\":1} trailing").path("a").asInt(0)).isEqualTo(1);
    }

    @Test
    void scalarsConvertTheWayVendorsWriteThem() {
        assertThat(Json.parse("\"true\"").asBoolean(false)).isTrue();
        assertThat(Json.parse("\"false\"").asBoolean(true)).isFalse();
        assertThat(Json.parse("\"maybe\"").asBoolean(true)).isTrue();
        assertThat(Json.parse("1").asBoolean(false)).isTrue();
        assertThat(Json.parse("0").asBoolean(true)).isFalse();
        assertThat(Json.parse("12345678901234").asLong()).isEqualTo(12345678901234L);
        assertThat(Json.parse("123456789012345678901234567890").canConvertToLong()).isFalse();
        assertThat(Json.parse("1.5e3").asText()).isEqualTo("1500.0");
        assertThat(Json.parse("2.5").asLong()).isEqualTo(2);
        assertThat(Json.parse("true").asText()).isEqualTo("true");
        assertThat(Json.parse("null").asText()).isEqualTo("null");
        assertThat(Json.parse("\"x\"").asInt(4)).isEqualTo(4);
        assertThat(Json.parse("\"x\"").asLong(9)).isEqualTo(9);
        assertThat(Json.parse("\" 42 \"").asLong(9)).isEqualTo(42);
    }

    @Test
    void writesNestedBodiesCompactlyAndReadsThemBack() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("Origin", "https://www.example.com");
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("url", "https://www.example.com/a?x=1&y=<2>");
        file.put("headers", header);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", List.of(file, "https://www.example.com/café"));
        body.put("objects", List.of(12345L, 7, 1.5, true, false));
        body.put("none", null);

        String json = new String(Json.write(body), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"files\":[{\"url\":\"https://www.example.com/a?x=1&y=<2>\",\"headers\":"
                + "{\"Origin\":\"https://www.example.com\"}},\"https://www.example.com/café\"],"
                + "\"objects\":[12345,7,1.5,true,false],\"none\":null}");
        assertThat(Json.parse(json).toString()).isEqualTo(json);
        assertThat(Json.parse(json)).isEqualTo(Json.parse(json));
    }

    @Test
    void refusesToWriteWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Map.of("when", java.time.Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
    }

    @Test
    void stringBytesIsTheLengthOfTheWrittenLiteral() {
        assertThat(Json.stringBytes("https://www.example.com/a")).isEqualTo(27);
        assertThat(Json.stringBytes("a\"b\\c\n")).isEqualTo(11);
        assertThat(Json.stringBytes("é€😀")).isEqualTo(2 + 2 + 3 + 4);
        assertThat(Json.stringBytes("\u0001")).isEqualTo(8);
        Random random = new Random(42);
        String alphabet = "abcXYZ09/?&=%<>\"\\ \t\u007f\u00e9\u20ac\ud83d\ude00";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int length = random.nextInt(40); length > 0; length--) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                if (Character.isHighSurrogate(c)) {
                    value.append(c).append('\ude00');
                } else if (!Character.isLowSurrogate(c)) {
                    value.append(c);
                }
            }
            assertThat(Json.stringBytes(value.toString())).as(value.toString())
                    .isEqualTo(Json.write(value.toString()).length);
        }
    }
}
