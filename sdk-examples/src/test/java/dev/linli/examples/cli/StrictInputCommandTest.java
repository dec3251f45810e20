package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 19 through {@code linli booking run}: bad request lines stop the run with exit 2. */
class StrictInputCommandTest {
  private static final String CREATE = "{\"op\": \"create\", \"id\": \"b1\", \"resource\": "
      + "\"jf-gym\", \"resident\": \"r\", \"household\": \"h\", \"start\": \"2026-12-05T09:00\", "
      + "\"end\": \"2026-12-05T10:00\"";

  @TempDir Path dir;

  private LinliCommandTest.Run run(String requestsText) throws IOException {
    Path config = dir.resolve("booking-config.json");
    try (InputStream in = getClass().getResourceAsStream("/sample/hangzhou-seed/"
        + "booking-config.json")) {
      Files.copy(in, config);
    }
    Path requests = dir.resolve("requests.jsonl");
    Files.writeString(requests, requestsText, StandardCharsets.UTF_8);
    return LinliCommandTest.run("booking", "run", "--config", config.toString(), "--requests",
        requests.toString(), "--out", dir.resolve("out.jsonl").toString());
  }

  @Test
  void misspelledField_isRefused_notIgnored() throws IOException {
    LinliCommandTest.Run r = run(CREATE + ", \"seat\": 2}\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("requests.jsonl:1: $.seat: unknown field; allowed are [actor, "
        + "end, group, household, id, op, resident, resource, seats, start]"), r.err());
    assertTrue(Files.notExists(dir.resolve("out.jsonl")));
  }

  @Test
  void secondObjectOnARequestLine_isRefused() throws IOException {
    LinliCommandTest.Run r = run(CREATE + "} " + CREATE.replace("b1", "b2") + "}\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("requests.jsonl:1: $: has more after the end of the JSON value"),
        r.err());
  }

  @Test
  void duplicateKeyOnARequestLine_isRefused() throws IOException {
    LinliCommandTest.Run r = run(CREATE + ", \"seats\": 1, \"seats\": 2}\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("field \"seats\" appears twice"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"4294967297", "2147483648"})
  void seatsOutOfRange_isRefusedWithTheRange(String seats) throws IOException {
    LinliCommandTest.Run r = run(CREATE + ", \"seats\": " + seats + "}\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("requests.jsonl:1: $.seats: must be a whole number from "
        + "-2147483648 to 2147483647 (got " + seats + ")"), r.err());
    assertFalse(r.err().contains("got -2147483648") || r.err().contains("got 1)"), r.err());
  }

  @Test
  void requestsFileWithAByteOrderMark_isAccepted() throws IOException {
    LinliCommandTest.Run r = run("\uFEFF" + CREATE + "}\n");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("1 requests: 1 accepted"), r.out());
  }

  @Test
  void requestsFileNotInUtf8_saysSo_withoutJavaNames() throws IOException {
    Path config = dir.resolve("booking-config.json");
    try (InputStream in = getClass().getResourceAsStream("/sample/hangzhou-seed/"
        + "booking-config.json")) {
      Files.copy(in, config);
    }
    Path requests = dir.resolve("requests.jsonl");
    Files.write(requests, (CREATE + ", \"group\": \"舞蹈队\"}\n")
        .getBytes(java.nio.charset.Charset.forName("GBK")));
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config",
        config.toString(), "--requests", requests.toString(), "--out",
        dir.resolve("out.jsonl").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("is not valid UTF-8"), r.err());
    assertFalse(r.err().contains("Input length") || r.err().contains("Exception"), r.err());
  }

  @Test
  void longValues_areCutInMessages() throws IOException {
    LinliCommandTest.Run r = run(CREATE.replace("2026-12-05T09:00", "9".repeat(100_000)) + "}\n");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().length() < 1_000, r.err().length() + " characters");
    assertTrue(r.err().contains("…(100000 characters)"), r.err());
  }
}
