package dev.linli.points.journal.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ties a README test to the README: the lines between {@code // --- README begins} and
 * {@code // --- README ends} in the test's own source must be, line for line (indentation aside),
 * one of the README's {@code ```java} blocks. Editing either without the other fails the test.
 */
public final class ReadmeSnippet {
  private ReadmeSnippet() {}

  /** Asserts that {@code test}'s marked lines are a Java block of the repository's README.md. */
  public static void assertInReadme(Class<?> test) throws IOException {
    Path source = Path.of("src", "test", "java",
        test.getName().replace('.', '/') + ".java");
    List<String> marked = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
      String s = line.strip();
      if (s.startsWith("// --- README begins")) {
        in = true;
      } else if (s.startsWith("// --- README ends")) {
        in = false;
      } else if (in && !s.isEmpty()) {
        marked.add(s);
      }
    }
    assertFalse(marked.isEmpty(), "no README markers in " + source);
    Path readme = Path.of("..", "README.md");
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = null;
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      if (block == null && line.strip().equals("```java")) {
        block = new ArrayList<>();
      } else if (block != null && line.strip().equals("```")) {
        blocks.add(block);
        block = null;
      } else if (block != null && !line.isBlank()) {
        block.add(line.strip());
      }
    }
    assertTrue(blocks.contains(marked), "README.md has no ```java block with the lines of "
        + source + ":\n" + String.join("\n", marked));
  }
}
