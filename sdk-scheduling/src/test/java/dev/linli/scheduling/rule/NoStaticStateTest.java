package dev.linli.scheduling.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoStaticStateTest {
  @Test
  void rules_holdNoStaticCollections_theOpeningHoursCacheBelongsToTheEngine() {
    List<String> found = new ArrayList<>();
    for (Class<?> rule : BookingRule.class.getPermittedSubclasses()) {
      for (Field f : rule.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && (Map.class.isAssignableFrom(f.getType())
            || Collection.class.isAssignableFrom(f.getType()))) {
          found.add(rule.getSimpleName() + "." + f.getName());
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
