package dev.linli.points.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The part the journal's fault-injecting test channels share: every call goes to a real channel,
 * except writes, which each subclass intercepts ({@link #write(ByteBuffer)} and {@link #force});
 * gathering writes go through {@link #write(ByteBuffer)} one buffer at a time, so the subclass
 * sees every byte; and the calls the journal never makes fail, so a test cannot pass through an
 * untested path.
 */
abstract class DelegatingChannel extends FileChannel {
  /** The real file. */
  protected final FileChannel delegate;

  DelegatingChannel(FileChannel delegate) {
    this.delegate = delegate;
  }

  /** The failure for a call the journal does not make. */
  static IOException notUsed() {
    return new IOException("not used by the journal");
  }

  @Override
  public final long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) {
      n += write(srcs[i]);
    }
    return n;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public final long transferFrom(ReadableByteChannel src, long position, long count)
      throws IOException {
    throw notUsed();
  }

  @Override
  public final int write(ByteBuffer src, long position) throws IOException {
    throw notUsed();
  }

  @Override
  public final MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw notUsed();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
