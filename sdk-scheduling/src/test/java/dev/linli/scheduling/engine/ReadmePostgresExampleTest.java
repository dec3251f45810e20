package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's "bookings in PostgreSQL" snippet, read from README.md itself, compiled against the
 * SDK's public API with the test class path and run on a real PostgreSQL: the README cannot drift
 * from the code.
 */
class ReadmePostgresExampleTest {
  private static final String SECTION = "## sdk-scheduling: bookings in PostgreSQL";

  static String snippet() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int at = text.indexOf(SECTION);
    assertTrue(at >= 0, "README.md has no section " + SECTION);
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
    assertTrue(m.find(at), "the section has no java block");
    return m.group(1);
  }

  @Test
  void readmeSnippet_compilesAndRuns_onPostgres() throws Exception {
    String source = """
        package readme;

        import dev.linli.core.Name;
        import dev.linli.scheduling.booking.*;
        import dev.linli.scheduling.engine.*;
        import dev.linli.scheduling.rule.*;
        import dev.linli.scheduling.waitlist.*;
        import java.time.*;
        import java.util.*;
        import javax.sql.DataSource;

        public class Snippet implements java.util.function.Function<DataSource, Object[]> {
          static Instant tomorrowAt(int hour) {
            return LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).atTime(hour, 0)
                .atZone(ZoneId.of("Asia/Shanghai")).toInstant();
          }

          @Override
          public Object[] apply(DataSource dataSource) {
        %s
            return new Object[] {d, version, engine, place};
          }
        }
        """.formatted(snippet());
    Path out = Files.createTempDirectory("readme-snippet");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> errors = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null,
        StandardCharsets.UTF_8)) {
      JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///readme/Snippet.java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      boolean ok = javac.getTask(null, files, d -> errors.add(d.toString()), List.of("-d",
          out.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"), null,
          List.of(unit)).call();
      assertTrue(ok, String.join("\n", errors) + "\n" + source);
    }
    DataSource db = TestPostgres.newDatabase().dataSource();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
        getClass().getClassLoader())) {
      @SuppressWarnings("unchecked")
      Function<DataSource, Object[]> run = (Function<DataSource, Object[]>) loader
          .loadClass("readme.Snippet").getConstructor().newInstance();
      Object[] result = run.apply(db);
      assertTrue(result[0] instanceof dev.linli.scheduling.booking.Decision.Accepted,
          String.valueOf(result[0]));
      assertEquals(2, result[1]);
      BookingEngine again = (BookingEngine) result[2];
      assertEquals(1, again.bookings("jf-gym").size());
      assertEquals(2, again.ruleVersion("jf-gym"));
      assertEquals(1, result[3], "first in the waitlist");
    }
  }
}
