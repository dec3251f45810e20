package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged CLI jar, run as users run it; bound to the integration-test phase. */
class LinliJarIT {
  private static final String JAR = System.getProperty("linli.jar");
  private static final String VERSION = System.getProperty("linli.version");

  @Test
  void version_printsTheProjectVersion_fromTheManifest() throws Exception {
    assertNotNull(JAR, "run by the packaged-jar execution, which names the jar");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", JAR, "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    assertEquals("linli " + VERSION, out);
  }

  @Test
  void jar_carriesTheLicence_andItsTitleAndVersion() throws IOException {
    try (JarFile jar = new JarFile(JAR)) {
      assertEquals(VERSION, jar.getManifest().getMainAttributes().getValue(
          "Implementation-Version"));
      assertNotNull(jar.getManifest().getMainAttributes().getValue("Implementation-Title"));
      String licence = new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0"),
          licence.substring(0, Math.min(200, licence.length())));
    }
  }
}
