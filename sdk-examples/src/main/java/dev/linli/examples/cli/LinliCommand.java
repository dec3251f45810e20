package dev.linli.examples.cli;

import java.io.PrintWriter;
import java.util.List;
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
    description = "Linli (邻里): neighbourhood services SDK command-line tool.")
public final class LinliCommand implements Runnable {
  /**
   * The subcommands in the order the usage lists them. Added to the command line by {@link #run},
   * not named in the annotation, so that a run of one subcommand builds only that one's model:
   * picocli reflects over every option of every subcommand it is given, about a tenth of a
   * whole {@code circles score} run when it was given all of them.
   */
  private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class,
      DemoCommand.class, CityCommand.class, CirclesCommand.class, CalendarCommand.class,
      BookingCommand.class, PointsCommand.class, ValidateCommand.class, ReportCommand.class);

  /**
   * The subcommands of {@code circles}, added the same way: a {@code circles score} run builds
   * neither {@code site}'s nor {@code isochrones}' options.
   */
  private static final List<Class<?>> CIRCLES_SUBCOMMANDS = List.of(CirclesCommand.Score.class,
      CirclesCommand.Site.class, CirclesCommand.Draw.class);

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
    // Before picocli: it takes a sixth of a run on one core, time the other core reads the files.
    ReadAhead ahead = ReadAhead.start(args);
    CommandLine cli = new CommandLine(new LinliCommand(), new Factory(ahead));
    for (Class<?> sub : subcommandsFor(args)) {
      cli.addSubcommand(sub);
    }
    CommandLine circles = cli.getSubcommands().get("circles");
    if (circles != null) {
      for (Class<?> sub : circlesSubcommandsFor(args)) {
        circles.addSubcommand(sub);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new BadInputHandler());
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // What was being built is unreachable now, so there is room to say what happened.
      err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
      code = EXIT_OUT_OF_MEMORY;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * What to say when a run ran out of a heap of {@code maxBytes}: the heap it had and one twice as
   * large (at least 2 GB) to try, since a fixed suggestion is no help to a run that already had it.
   */
  static String outOfMemory(long maxBytes) {
    long suggestGb = Math.max(2, (2 * maxBytes + (1L << 30) - 1) >> 30);
    return String.format(java.util.Locale.ROOT, "linli: ran out of memory (this Java may use %d MB);"
        + " give it more, e.g. LINLI_JAVA_OPTS=-Xmx%dg bin/linli … or java -Xmx%dg -jar linli.jar …",
        maxBytes >> 20, suggestGb, suggestGb);
  }

  /**
   * The subcommands a run needs: the one the first argument names exactly, or all of them (for
   * {@code help}, {@code --help}, no argument, or a mistyped name, whose messages list them).
   */
  static List<Class<?>> subcommandsFor(String... args) {
    return args.length > 0 && !args[0].equals("help") ? named(SUBCOMMANDS, args[0])
        : SUBCOMMANDS;
  }

  /**
   * The subcommands of {@code circles} a run needs, as {@link #subcommandsFor}: the one named
   * right after {@code circles}, or all of them for anything else ({@code linli circles --help},
   * {@code linli help circles}, a mistyped name).
   */
  static List<Class<?>> circlesSubcommandsFor(String... args) {
    return args.length > 1 && args[0].equals("circles") ? named(CIRCLES_SUBCOMMANDS, args[1])
        : CIRCLES_SUBCOMMANDS;
  }

  /** The one of {@code all} whose command is called {@code name}, or all of them. */
  private static List<Class<?>> named(List<Class<?>> all, String name) {
    for (Class<?> sub : all) {
      Command c = sub.getAnnotation(Command.class);
      if (c != null && c.name().equals(name)) {
        return List.of(sub);
      }
    }
    return all;
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

  /** Picocli's default factory, handing the files read ahead to the commands' inputs. */
  private static final class Factory implements CommandLine.IFactory {
    private final CommandLine.IFactory defaults = CommandLine.defaultFactory();
    private final ReadAhead ahead;

    Factory(ReadAhead ahead) {
      this.ahead = ahead;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      K made = defaults.create(cls);
      if (made instanceof CirclesCommand.Inputs inputs) {
        inputs.readAhead = ahead;
      }
      return made;
    }
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
