package dev.linli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests run on the class path; this one loads the compiled sdk-core and Jackson as named modules in
 * a fresh module layer, as a JPMS application would, and exercises reflection-heavy paths (records
 * read by Jackson, bundled resources) so that a missing {@code opens} or {@code requires} fails here.
 */
class ModulePathTest {
  @Test
  void sdkCore_worksAsANamedModule_andHidesItsInternals() throws Exception {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("target", "classes"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("jackson-") && Files.isRegularFile(Path.of(entry))) {
        roots.add(Path.of(entry));
      }
    }
    ModuleFinder finder = ModuleFinder.of(roots.toArray(Path[]::new));
    Configuration cf = ModuleLayer.boot().configuration()
        .resolve(finder, ModuleFinder.of(), Set.of("dev.linli.core"));
    ModuleLayer layer = ModuleLayer.boot()
        .defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module core = layer.findModule("dev.linli.core").orElseThrow();
    assertTrue(core.isExported("dev.linli.core.io"));
    assertFalse(core.isExported("dev.linli.core.internal"));

    ClassLoader loader = layer.findLoader("dev.linli.core");
    Class<?> taxonomyType = loader.loadClass("dev.linli.core.facility.FacilityTaxonomy");
    Object taxonomy = taxonomyType.getMethod("hangzhou").invoke(null);
    assertEquals(20, ((List<?>) taxonomyType.getMethod("keyTypes").invoke(taxonomy)).size());

    Class<?> jsonType = loader.loadClass("dev.linli.core.io.LinliJson");
    Object json = jsonType.getMethod("strict").invoke(null);
    Class<?> community = loader.loadClass("dev.linli.core.place.Community");
    String text = "{\"id\":\"C1\",\"subdistrictId\":\"S1\",\"name\":{\"zh\":\"景芳\"},"
        + "\"centroid\":{\"lat\":30.28,\"lon\":120.2},\"locationApproximate\":true,"
        + "\"areaHectares\":45,\"population\":{\"age0to3\":1,\"age4to17\":2,\"age18to59\":3,"
        + "\"age60to79\":4,\"age80plus\":5},\"tags\":[\"future-community\"]}";
    Object value = jsonType.getMethod("fromJson", String.class, Class.class)
        .invoke(json, text, community);
    assertEquals(community, value.getClass());
    assertEquals(core, value.getClass().getModule());
    String back = (String) jsonType.getMethod("toJson", Object.class).invoke(json, value);
    assertTrue(back.contains("\"age80plus\" : 5"), back);

    Class<?> synthetic = loader.loadClass("dev.linli.core.city.SyntheticCity");
    Object builder = synthetic.getMethod("builder").invoke(null);
    builder.getClass().getMethod("communities", int.class).invoke(builder, 5);
    Object generator = builder.getClass().getMethod("build").invoke(builder);
    Object city = synthetic.getMethod("generate").invoke(generator);
    assertEquals(5, ((List<?>) city.getClass().getMethod("communities").invoke(city)).size());
  }
}
