package dev.linli.points.journal;

import dev.linli.points.Ledger;
import dev.linli.points.internal.Decided;
import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.FactStream;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.StreamCore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The journal backend of {@link dev.linli.points.FactLog}: a service step's facts and every ledger
 * change made while it runs are written as one {@code SERVICE_STEP} record (see
 * {@link JournalWriter#beginStep}), so a crash at any point keeps the step with its transfers or
 * neither. Steps of every service on one journal are serialised by the writer's step lock (the
 * ledger has one lock anyway). Opening a stream reads the facts of every step record in the
 * journal once (snapshots hold ledger state only). Thread-safe.
 */
final class JournalFacts extends FactBackend {
  private final Path dir;
  private final Ledger ledger;
  private final JournalWriter writer;
  private final LedgerAccess access = LedgerAccess.get();
  /** The stored facts of the streams not opened yet, by stream; read on the first open. */
  private Map<String, List<RecordCodec.StepFact>> stored;

  JournalFacts(Path dir, Ledger ledger, JournalWriter writer) {
    this.dir = dir;
    this.ledger = ledger;
    this.writer = writer;
  }

  @Override
  protected <S, F> FactStream<S, F> openStream(StreamCore<S, F> core) {
    writer.stepLock.lock();
    try {
      if (stored == null) {
        stored = scan();
      }
      List<RecordCodec.StepFact> mine = stored.remove(core.name());
      core.lock().lock();
      try {
        for (RecordCodec.StepFact f : mine == null ? List.<RecordCodec.StepFact>of() : mine) {
          core.applyStored(f.seq(), f.kind(), f.json());
        }
      } finally {
        core.lock().unlock();
      }
    } finally {
      writer.stepLock.unlock();
    }
    return new JournalStream<>(core);
  }

  /** Stops a scan at the records that existed when it began. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** Reads the facts of every step record written so far; holding the step lock. */
  private Map<String, List<RecordCodec.StepFact>> scan() {
    long limit = access.underLock(ledger, () -> {
      writer.checkUsable();
      return writer.appended();
    });
    writer.awaitDurable(limit, false);
    Map<String, List<RecordCodec.StepFact>> out = new HashMap<>();
    RecordCodec.Decoder decoder = new RecordCodec.Decoder();
    try {
      JournalReader.read(dir, null, (index, type, body, off, len, hash) -> {
        if (index >= limit) {
          throw new Stop();
        }
        if (type == RecordCodec.SERVICE_STEP) {
          decoder.resetRecord(body, off, len);
          RecordCodec.decodeStep(decoder, null,
              f -> out.computeIfAbsent(f.stream(), k -> new ArrayList<>()).add(f));
        }
      });
    } catch (Stop done) {
      // every record that existed when the scan began has been read
    } catch (IOException e) {
      throw new JournalFailedException("cannot read the service facts in the journal in " + dir
          + ": " + e, e);
    }
    return out;
  }

  @Override
  public void checkLedger(Ledger other) {
    if (other != ledger) {
      throw new IllegalArgumentException("this fact log belongs to the journal in " + dir
          + "; give the service the facts() of the DurableLedger whose ledger its time bank uses");
    }
  }

  @Override
  public String describe() {
    return "journal " + dir;
  }

  private final class JournalStream<S, F> implements FactStream<S, F> {
    private final StreamCore<S, F> core;
    /** The record the last step of this stream must be durable with, for readers. */
    private volatile long lastTicket;

    JournalStream(StreamCore<S, F> core) {
      this.core = core;
    }

    @Override
    public String name() {
      return core.name();
    }

    @Override
    public <R> R step(Function<S, Decided<R, F>> decide) {
      boolean outermost = !writer.stepLock.isHeldByCurrentThread();
      long[] ticket = {-1};
      // The ledger calls made inside wait for the disk once, after the step's record is framed.
      R out = ledger.durably(() -> {
        writer.stepLock.lock();
        core.lock().lock();
        try {
          if (outermost) {
            access.underLock(ledger, () -> {
              writer.checkUsable();
              writer.beginStep();
              return null;
            });
          }
          try {
            Decided<R, F> d = decide.apply(core.state());
            List<RecordCodec.StepFact> facts = new ArrayList<>(d.facts().size());
            long seq = core.applied();
            for (F f : d.facts()) {
              facts.add(new RecordCodec.StepFact(core.name(), ++seq, core.codec().kind(f),
                  core.codec().write(f)));
            }
            facts.forEach(writer::addStepFact);
            if (!facts.isEmpty()) {
              // While collecting, this is the count the step's record will make.
              lastTicket = access.underLock(ledger, writer::appended);
            }
            for (F f : d.facts()) {
              core.apply(f);
            }
            return d.result();
          } finally {
            if (outermost) {
              ticket[0] = access.underLock(ledger, writer::endStep);
            }
          }
        } finally {
          core.lock().unlock();
          writer.stepLock.unlock();
        }
      });
      if (outermost) {
        writer.awaitDurable(ticket[0]);
      }
      return out;
    }

    @Override
    public <R> R read(Function<S, R> query) {
      R out;
      core.lock().lock();
      try {
        out = query.apply(core.state());
      } finally {
        core.lock().unlock();
      }
      // No reader returns having seen a step the journal could still lose.
      writer.awaitDurable(lastTicket);
      return out;
    }
  }
}
