package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * Every class in the jar belongs to Linli or to a library named in THIRD-PARTY.txt, and every
   * licence text that file points to is in the jar: a library added to the CLI without its licence
   * fails here.
   */
  @Test
  void jar_namesEveryBundledLibrary_andCarriesTheirLicences() throws IOException {
    String dir = "META-INF/licenses/linli-cli/";
    try (JarFile jar = new JarFile(JAR)) {
      assertNotNull(jar.getEntry(dir + "THIRD-PARTY.txt"), "the third-party list");
      String list = new String(jar.getInputStream(jar.getEntry(dir + "THIRD-PARTY.txt"))
          .readAllBytes(), StandardCharsets.UTF_8);
      List<String> prefixes = new ArrayList<>(List.of("dev.linli."));
      int rows = 0;
      for (String line : list.split("\n")) {
        String[] cells = line.split(" \\| ");
        if (cells.length != 4 || cells[0].startsWith("Each row")) {
          continue;
        }
        rows++;
        prefixes.add(cells[0].strip() + ".");
        for (String text : cells[3].split("[;,]")) {
          String name = text.strip();
          if (name.endsWith("*")) {
            String stem = name.substring(0, name.length() - 1);
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith(stem)), name);
          } else {
            assertNotNull(jar.getEntry(name.contains("/") ? name : dir + name), name);
          }
        }
      }
      assertTrue(rows >= 10, "rows read from THIRD-PARTY.txt: " + rows);
      List<String> unnamed = jar.stream().map(e -> e.getName())
          .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
          .map(n -> n.replaceFirst("^META-INF/versions/\\d+/", "").replace('/', '.'))
          .filter(n -> prefixes.stream().noneMatch(n::startsWith))
          .toList();
      assertTrue(unnamed.isEmpty(), "classes of no listed library: " + unnamed.stream().limit(5)
          .toList() + (unnamed.size() > 5 ? " and " + (unnamed.size() - 5) + " more" : ""));
      String lgpl = new String(jar.getInputStream(jar.getEntry(dir + "LGPL-3.0.txt"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(lgpl.contains("GNU LESSER GENERAL PUBLIC LICENSE"), "LGPL text");
    }
  }

  @Test
  void launcher_buildsItsClassArchiveOnce_thenRunsWithIt(@TempDir Path dir) throws Exception {
    Path archive = dir.resolve("linli.jsa");
    Run first = launcher(dir, Map.of("LINLI_CDS", archive.toString()), "--version");
    assertEquals(0, first.code(), first.out());
    assertEquals("linli " + VERSION, first.out());
    assertTrue(Files.size(archive) > 1_000_000, "archive written");
    long built = Files.getLastModifiedTime(archive).toMillis();
    Run second = launcher(dir, Map.of("LINLI_CDS", archive.toString(), "LINLI_JAVA_OPTS",
        "-Xlog:class+load=info"), "--version");
    assertEquals(0, second.code(), second.out());
    assertTrue(second.out().lines().anyMatch(("linli " + VERSION)::equals), second.out());
    assertEquals(built, Files.getLastModifiedTime(archive).toMillis(), "not rebuilt");
    // Mapped from the archive, not read from the jar: Linli's classes and also picocli's, which
    // are Java 5 class files that only a static archive (not -XX:ArchiveClassesAtExit) holds.
    for (String name : List.of("dev.linli.examples.cli.LinliCommand", "picocli.CommandLine",
        "com.fasterxml.jackson.databind.ObjectMapper")) {
      assertTrue(second.out().contains(name + " source: shared objects file"), name + " in:\n"
          + second.out().lines().filter(l -> l.contains(name + " ")).toList());
    }
  }

  @Test
  void launcher_aCityTooLargeForTheHeap_isRefusedUpFront(@TempDir Path dir) throws Exception {
    assertEquals(0, LinliCommandTest.run("city", "generate", "--seed", "42", "--out",
        dir.resolve("city").toString()).code());
    Run r = launcher(dir, Map.of("LINLI_CDS", dir.resolve("linli.jsa").toString(),
        "LINLI_JAVA_OPTS", "-Xmx32m"), "circles", "score", "--communities",
        dir.resolve("city/communities.csv").toString(), "--facilities",
        dir.resolve("city/facilities.csv").toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().matches("(?s).*facilities.csv need about \\d+ MB of memory to score, but "
        + "this Java may use only \\d+ MB; give it more.*"), r.out());
    assertTrue(!r.out().contains("OutOfMemoryError") && !r.out().contains("\tat "), r.out());
  }

  record Run(int code, String out) {}

  private static Run launcher(Path dir, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", Path.of("..", "bin", "linli")
        .toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
    b.environment().put("LINLI_JAR", Path.of(JAR).toAbsolutePath().toString());
    b.environment().put("JAVA_HOME", System.getProperty("java.home"));
    b.environment().putAll(env);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return new Run(p.waitFor(), out);
  }
}
