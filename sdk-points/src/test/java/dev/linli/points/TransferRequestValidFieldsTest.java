package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Replay's checks of a recorded transfer, made without building a request
 * ({@link TransferRequest#validFields}, {@link Id#isValid} of the account ids and
 * {@link IdTable#hashIfId} of the id's bytes), accept exactly what the request's constructor
 * accepts.
 */
class TransferRequestValidFieldsTest {
  private static int accepted;
  private static int refused;

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of("t1", "m0", "pool", "a.b:c_d-e", "x".repeat(64))),
        Tuple.of(1, Arbitraries.of("", "-t", "t\u00e9", "bad id", "x".repeat(65), ".a")),
        Tuple.of(1, Arbitraries.strings().withChars("aZ9.-_: \u00e9").ofMinLength(0)
            .ofMaxLength(66))).injectNull(0.02);
  }

  @Provide
  Arbitrary<String> optionalIds() {
    return ids().injectNull(0.5);
  }

  @Provide
  Arbitrary<String> codes() {
    return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of("earn", "spend", "a-1")),
        Tuple.of(1, Arbitraries.of("", "Earn", "-x", "a".repeat(49), "a b"))).injectNull(0.02);
  }

  @Provide
  Arbitrary<String> userData() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of("", "note", "\u5907\u6ce8", "u".repeat(128))),
        Tuple.of(1, Arbitraries.of("u".repeat(129)))).injectNull(0.2);
  }

  @Provide
  Arbitrary<Long> amounts() {
    return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.longs().between(1, Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE)));
  }

  @Property(tries = 3000)
  void replaysChecks_agreeWithTheConstructor(@ForAll("ids") String id,
      @ForAll("ids") String debit, @ForAll("ids") String credit, @ForAll("amounts") long amount,
      @ForAll("codes") String code, @ForAll("userData") String userData,
      @ForAll("optionalIds") String reverses, @ForAll("optionalIds") String operator) {
    // The journal holds the id as UTF-8 bytes; replay checks those bytes.
    boolean idOk = id != null
        && IdTable.hashIfId(id.getBytes(StandardCharsets.UTF_8), 0,
            id.getBytes(StandardCharsets.UTF_8).length) >= 0;
    boolean replayAccepts = idOk && Id.isValid(debit) && Id.isValid(credit)
        && TransferRequest.validFields(amount, code, userData, reverses, operator);
    boolean constructorAccepts;
    try {
      new TransferRequest(id, debit, credit, amount, code, userData, reverses, operator);
      constructorAccepts = true;
    } catch (InvalidValueException e) {
      constructorAccepts = false;
    }
    assertEquals(constructorAccepts, replayAccepts);
    if (constructorAccepts) {
      accepted++;
    } else {
      refused++;
    }
  }

  @AfterContainer
  static void bothOutcomesReached() {
    assertTrue(accepted >= 100, accepted + " accepted");
    assertTrue(refused >= 100, refused + " refused");
  }
}
