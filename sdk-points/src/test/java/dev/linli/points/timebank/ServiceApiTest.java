package dev.linli.points.timebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.TransferResult;
import dev.linli.points.volunteering.Volunteering;
import dev.linli.points.volunteering.WishBoard;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface of the five points services, read by reflection: one result shape with a
 * typed state, request records instead of runs of {@code String} ids.
 */
class ServiceApiTest {
  static final List<Class<?>> SERVICES = List.of(TimeBank.class, Catalogue.class, Alliance.class,
      Volunteering.class, WishBoard.class);

  private static Stream<Method> publicMethods() {
    return SERVICES.stream().flatMap(c -> Stream.of(c.getDeclaredMethods()))
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic());
  }

  @Test
  void noServiceMethod_returnsLedgerCodes() {
    List<String> bad = publicMethods().filter(m -> m.getReturnType() == TransferResult.class
        || (m.getGenericReturnType() instanceof ParameterizedType p
            && List.of(p.getActualTypeArguments()).contains(TransferResult.class)))
        .map(ServiceApiTest::name).toList();
    assertEquals(List.of(), bad, "return a ServiceResult instead");
  }

  @Test
  void everyServiceResult_reportsAnEnumState_neverAString() {
    List<String> bad = new ArrayList<>();
    long results = publicMethods().filter(m -> m.getReturnType() == ServiceResult.class)
        .peek(m -> {
          Type state = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
          if (!(state instanceof Class<?> c && c.isEnum())) {
            bad.add(name(m) + " reports " + state);
          }
        }).count();
    assertEquals(List.of(), bad);
    assertTrue(results >= 24, "the check must reach every step, found " + results);
    assertEquals(0, publicMethods().filter(m -> m.getReturnType() == String.class
        && m.getName().matches("(?i).*(state|status|result).*")).count(),
        "no state or result held as a String");
    Type state = ServiceResult.Accepted.class.getRecordComponents()[0].getGenericType();
    assertTrue(state instanceof TypeVariable<?> v && v.getBounds()[0].getTypeName()
        .startsWith("java.lang.Enum<"), "Accepted.state is an enum: " + state);
  }

  @Test
  void noServiceCall_takesMoreThanTwoStringsInARow() {
    List<String> bad = new ArrayList<>();
    int checked = 0;
    for (Class<?> c : SERVICES) {
      List<Executable> calls = new ArrayList<>(List.of(c.getDeclaredMethods()));
      calls.addAll(List.of(c.getDeclaredConstructors()));
      for (Executable e : calls) {
        if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic()) {
          continue;
        }
        checked++;
        int run = 0;
        for (Class<?> p : e.getParameterTypes()) {
          run = p == String.class ? run + 1 : 0;
          if (run > 2) {
            bad.add(c.getSimpleName() + "." + e.getName());
            break;
          }
        }
      }
    }
    assertEquals(List.of(), bad, "take a request record instead");
    assertTrue(checked >= 40, "the check must reach the services' calls, found " + checked);
  }

  @Test
  void theTwoOldResultTypes_areGone() {
    for (String old : List.of("dev.linli.points.timebank.TimeBankResult",
        "dev.linli.points.volunteering.VolunteeringResult")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(old), old);
    }
  }

  private static String name(Method m) {
    return m.getDeclaringClass().getSimpleName() + "." + m.getName();
  }
}
