package dev.linli.core.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Wraps a caller's stream so that a parser or generator closing it leaves it open. */
public final class NonClosing {
  private NonClosing() {}

  /** @param in the caller's stream @return a view whose close does nothing */
  public static InputStream input(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    };
  }

  /** @param out the caller's stream @return a view whose close only flushes */
  public static OutputStream output(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
