package dev.linli.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code linli} command: the entry point of {@code linli.jar}.
 *
 * <p>Exit codes: 0 on success; 2 on bad input (unknown option, unreadable or malformed file, a
 * file that fails validation, a city too large for the heap), with the error on standard error; 3
 * when the heap ran out all the same, with a message instead of a stack trace.
 */
@Command(
    name = "linli",
    mixinStandardHelpOptions = true,
    versionProvider = LinliCommand.Version.class,
    description = "Linli (邻里): neighbourhood services SDK command-line tool.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, CityCommand.class,
        CirclesCommand.class, CalendarCommand.class, BookingCommand.class,
        PointsCommand.class, ValidateCommand.class, ReportCommand.class})
public final class LinliCommand implements Runnable {
  /** Exit code for bad input; picocli uses the same code for usage errors. */
  public static final int EXIT_BAD_INPUT = 2;
  /** Exit code when the Java heap ran out. */
  public static final int EXIT_OUT_OF_MEMORY = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the tool with the given arguments and output streams, returning the exit code.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new LinliCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new BadInputHandler());
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // What was being built is unreachable now, so there is room to say what happened.
      err.printf(java.util.Locale.ROOT, "linli: ran out of memory (this Java may use %d MB); "
          + "give it more, e.g. LINLI_JAVA_OPTS=-Xmx8g bin/linli … or java -Xmx8g -jar linli.jar"
          + " …%n", Runtime.getRuntime().maxMemory() >> 20);
      code = EXIT_OUT_OF_MEMORY;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Runs the tool and exits the JVM with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Reports the version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LinliCommand.class.getPackage().getImplementationVersion();
      return new String[] {"linli " + (v == null ? "development build" : v)};
    }
  }
}
