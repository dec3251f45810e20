package dev.linli.points.journal.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The tests' SLF4J binding: keeps every event (level, logger, formatted message) in memory so that
 * tests can assert what the journal logged. Registered through {@code META-INF/services}; the
 * module itself ships no binding. Thread-safe.
 */
public final class CapturedLog implements SLF4JServiceProvider {
  /** One logged event. */
  public record Event(Level level, String logger, String message, Throwable thrown) {
    @Override
    public String toString() {
      return level + " " + logger + ": " + message + (thrown == null ? "" : " (" + thrown + ")");
    }
  }

  private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Created by SLF4J through {@code META-INF/services}. */
  public CapturedLog() {
    // state is static: events outlive any one provider instance
  }

  /** Events logged since the start of the run whose message matches, in order. */
  public static List<Event> matching(Predicate<Event> filter) {
    List<Event> out = new ArrayList<>();
    for (Event e : EVENTS) {
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Events whose message contains every one of {@code parts}. */
  public static List<Event> containing(String... parts) {
    return matching(e -> {
      for (String p : parts) {
        if (!e.message().contains(p)) {
          return false;
        }
      }
      return true;
    });
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to set up: events go to a static list
  }

  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] arguments, Throwable throwable) {
      EVENTS.add(new Event(level, name,
          MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
    }
  }
}
