package dev.linli.examples.cli;

import dev.linli.core.circle.HealthCheck;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Reads a health-check run's two input files on threads of their own from the start of
 * {@code main}, while picocli is still building its model and parsing the options (about a sixth
 * of a whole {@code circles score} run on one core while the other idles).
 *
 * <p>Only {@code circles score}, {@code circles site} and {@code report} are read ahead, and only
 * regular files (never a pipe or a device, which a second reading would find empty). The options
 * are found by a plain scan of the arguments ({@code --communities FILE} or
 * {@code --communities=FILE}); picocli stays the judge of the command line: a command takes a file
 * read ahead only when picocli parsed the very same path, and otherwise reads it itself. A reading
 * that failed fails the command the same way when the command takes it, with the same exception.
 * Before reading, the files must pass the same heap check as the command ({@link HeapBudget}),
 * so a city too large is refused by the command, not run out of memory on a thread ahead of it.
 * Thread-safe.
 */
final class ReadAhead {
  /** Nothing read ahead: every command reads its files itself. */
  static final ReadAhead NONE = new ReadAhead(null, null, null, null);

  private final Path communities;
  private final CompletableFuture<Object> communitiesRead;
  private final Path facilities;
  private final CompletableFuture<Object> facilitiesRead;

  private ReadAhead(Path communities, CompletableFuture<Object> communitiesRead, Path facilities,
      CompletableFuture<Object> facilitiesRead) {
    this.communities = communities;
    this.communitiesRead = communitiesRead;
    this.facilities = facilities;
    this.facilitiesRead = facilitiesRead;
  }

  /**
   * Starts reading the files the arguments name, if they are a command that reads them.
   *
   * @param args the command line as {@code main} got it
   * @return what is being read, or {@link #NONE}
   */
  static ReadAhead start(String... args) {
    if (!readsInputs(args)) {
      return NONE;
    }
    Path c = regularFile(value(args, "--communities"));
    Path f = regularFile(value(args, "--facilities"));
    if (c == null) {
      return NONE;
    }
    try {
      HeapBudget.check(c, f, Runtime.getRuntime().maxMemory());
    } catch (IOException | RuntimeException e) {
      return NONE; // the command refuses them itself, with its message
    }
    CompletableFuture<Object> cf = read("linli-read-communities", () -> {
      Object city = failureOr(() -> CirclesCommand.Inputs.readCommunities(c));
      warmUp();
      return city;
    });
    CompletableFuture<Object> ff = f == null ? null
        : read("linli-read-facilities", () -> failureOr(() -> CirclesCommand.Inputs
            .readFacilities(f)));
    return new ReadAhead(c, cf, f, ff);
  }

  /** Whether the arguments name a command that reads communities and facilities first. */
  static boolean readsInputs(String... args) {
    for (String a : args) {
      if (a.startsWith("@")) {
        return false; // an argument file: only picocli knows what it holds
      }
    }
    return args.length >= 2 && (args[0].equals("circles")
        && (args[1].equals("score") || args[1].equals("site")) || args[0].equals("report"));
  }

  /**
   * The value of an option in the arguments (before any {@code --}), or null if it is missing,
   * repeated or has no value.
   */
  static String value(String[] args, String option) {
    String found = null;
    int seen = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals(option) && i + 1 < args.length) {
        found = args[++i];
        seen++;
      } else if (args[i].startsWith(option + "=")) {
        found = args[i].substring(option.length() + 1);
        seen++;
      }
    }
    return seen == 1 ? found : null;
  }

  private static Path regularFile(String name) {
    if (name == null) {
      return null;
    }
    try {
      Path p = Path.of(name);
      return Files.isRegularFile(p) ? p : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * Loads the bundled standard, taxonomy and rating a health check needs by default, with their
   * classes, off the main thread. A failure here is left for the command to meet and report.
   */
  private static void warmUp() {
    try {
      HealthCheck.builder().build();
    } catch (RuntimeException e) {
      // The command builds its check itself and reports what is wrong.
    }
  }

  /** What a reading gave: its value, or what it threw (kept to be thrown by the command). */
  private interface Reading {
    Object read() throws IOException;
  }

  private static Object failureOr(Reading reading) {
    try {
      return reading.read();
    } catch (IOException e) {
      return new Failure(e);
    } catch (RuntimeException | Error e) {
      return new Failure(e);
    }
  }

  /** A reading that threw. */
  private record Failure(Throwable thrown) {}

  private static CompletableFuture<Object> read(String name, Supplier<Object> body) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(body.get());
      } catch (RuntimeException | Error e) {
        result.complete(new Failure(e)); // handed to the command that takes the reading
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return result;
  }

  /**
   * The communities read ahead from {@code file}, or null if that file was not read ahead (the
   * caller reads it).
   *
   * @throws IOException what reading the file threw, as itself
   */
  City communities(Path file) throws IOException {
    return (City) take(communities, communitiesRead, file);
  }

  /**
   * The facilities read ahead from {@code file}, or null if that file was not read ahead.
   *
   * @throws IOException what reading the file threw, as itself
   */
  @SuppressWarnings("unchecked") // what readFacilities returned
  List<Facility> facilities(Path file) throws IOException {
    return (List<Facility>) take(facilities, facilitiesRead, file);
  }

  /** The paths read ahead (communities first), for tests and the trace. */
  List<Path> paths() {
    return facilities == null ? (communities == null ? List.of() : List.of(communities))
        : List.of(communities, facilities);
  }

  private static Object take(Path read, CompletableFuture<Object> reading, Path file)
      throws IOException {
    if (reading == null || !read.equals(Objects.requireNonNull(file, "file"))) {
      return null;
    }
    Object value;
    try {
      value = reading.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + file, e);
    } catch (ExecutionException e) {
      throw new UncheckedIOException(new IOException(e.getCause()));
    }
    if (value instanceof Failure failure) {
      Throwable thrown = failure.thrown();
      if (thrown instanceof IOException io) {
        throw io;
      }
      if (thrown instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) thrown;
    }
    return value;
  }
}
