package dev.linli.examples.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import crosby.binary.BinaryParser;
import crosby.binary.Fileformat;
import crosby.binary.Osmformat;
import dev.linli.core.DataFormatException;
import dev.linli.core.LinliIoException;
import dev.linli.core.Problem;
import dev.linli.core.osm.OsmHandler;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;

/**
 * Reads an OpenStreetMap {@code .osm.pbf} file block by block into an {@link OsmHandler}, with the
 * OpenStreetMap project's own protocol-buffer classes ({@code org.openstreetmap.pbf:osmpbf}) doing
 * the decoding. The framing (a length, a block header, a blob) is read here rather than by the
 * library's stream reader so that a file cut short says where: which block, at which byte, how
 * many bytes were promised and how many were there. Stateless; one call reads one file.
 */
final class OsmPbf {
  /** The format's own limits: a block header is at most 64 KiB, a blob at most 32 MiB. */
  private static final int MAX_HEADER = 64 * 1024;
  private static final int MAX_BLOB = 32 * 1024 * 1024;
  /** Features this reader understands; a file requiring any other is refused. */
  private static final Set<String> UNDERSTOOD = Set.of("OsmSchema-V0.6", "DenseNodes");

  private OsmPbf() {}

  /**
   * Tells a PBF file from XML by its first bytes: a PBF file starts with the four-byte, big-endian
   * length of its first block header, a few dozen bytes, so with two zero bytes; XML never starts
   * with a zero byte except in UTF-16BE, whose second byte is then {@code <}. A damaged length
   * still counts as PBF when the block type {@code OSMHeader} follows, so that the PBF reader, not
   * the XML parser, says what is wrong.
   */
  static boolean looksLikePbf(byte[] start, int length) {
    return length >= 1 && start[0] == 0 && (length == 1 || start[1] == 0
        || new String(start, 0, length, StandardCharsets.ISO_8859_1).contains("OSMHeader"));
  }

  static void read(InputStream raw, String source, OsmHandler handler) {
    DataInputStream in = new DataInputStream(raw);
    Parser parser = new Parser(handler);
    long offset = 0;
    int block = 0;
    boolean header = false;
    while (true) {
      int first;
      try {
        first = in.read();
      } catch (IOException e) {
        throw new LinliIoException(source, "cannot be read", e);
      }
      if (first < 0) {
        break;
      }
      block++;
      byte[] lengthBytes = new byte[3];
      fully(in, lengthBytes, source, block, offset, "block length");
      int headerLength = (first << 24) | ((lengthBytes[0] & 0xff) << 16)
          | ((lengthBytes[1] & 0xff) << 8) | (lengthBytes[2] & 0xff);
      if (headerLength <= 0 || headerLength > MAX_HEADER) {
        throw problem(source, "block " + block + " at byte " + offset + " announces a header of "
            + headerLength + " bytes, but an OSM PBF block header has 1 to " + MAX_HEADER
            + (block == 1 ? "; this is not an .osm.pbf file" : "; the file is damaged"));
      }
      byte[] headerBytes = new byte[headerLength];
      fully(in, headerBytes, source, block, offset + 4, "block header");
      Fileformat.BlobHeader blobHeader;
      try {
        blobHeader = Fileformat.BlobHeader.parseFrom(headerBytes);
      } catch (InvalidProtocolBufferException e) {
        throw problem(source, "block " + block + " at byte " + offset + " has a header that is"
            + " not an OSM PBF block header" + (block == 1 ? "; this is not an .osm.pbf file"
                : "; the file is damaged"));
      }
      int size = blobHeader.getDatasize();
      if (size < 0 || size > MAX_BLOB) {
        throw problem(source, "block " + block + " at byte " + offset + " announces " + size
            + " bytes of data; OSM PBF allows 0 to " + MAX_BLOB);
      }
      byte[] blobBytes = new byte[size];
      fully(in, blobBytes, source, block, offset + 4 + headerLength, blobHeader.getType()
          + " data of " + size + " bytes");
      offset += 4L + headerLength + size;
      String type = blobHeader.getType();
      if (block == 1 && !type.equals("OSMHeader")) {
        throw problem(source, "starts with a block of type \"" + Problem.excerpt(type)
            + "\" where an .osm.pbf file starts with \"OSMHeader\"");
      }
      try {
        if (type.equals("OSMHeader")) {
          Osmformat.HeaderBlock hb = Osmformat.HeaderBlock.parseFrom(data(blobBytes, source,
              block));
          for (String feature : hb.getRequiredFeaturesList()) {
            if (!UNDERSTOOD.contains(feature)) {
              throw problem(source, "requires the feature \"" + Problem.excerpt(feature)
                  + "\", which this reader does not support (it reads " + UNDERSTOOD
                  + "); convert the file with osmium cat");
            }
          }
          header = true;
        } else if (type.equals("OSMData")) {
          parser.parse(Osmformat.PrimitiveBlock.parseFrom(data(blobBytes, source, block)));
        }
        // Other block types are skipped, as the format says readers must.
      } catch (InvalidProtocolBufferException e) {
        throw problem(source, "block " + block + " (" + type + ") does not decode: "
            + Problem.excerpt(e.getMessage()) + "; the file is damaged");
      }
    }
    if (!header) {
      throw problem(source, "is empty; an .osm.pbf file starts with an OSMHeader block");
    }
  }

  private static void fully(DataInputStream in, byte[] into, String source, int block,
      long offset, String what) {
    try {
      in.readFully(into);
    } catch (EOFException e) {
      throw problem(source, String.format(Locale.ROOT, "ends inside block %d (its %s, from byte"
          + " %d): the file was cut short, for example by an interrupted download; fetch or"
          + " extract it again", block, what, offset));
    } catch (IOException e) {
      throw new LinliIoException(source, "cannot be read", e);
    }
  }

  private static byte[] data(byte[] blobBytes, String source, int block)
      throws InvalidProtocolBufferException {
    Fileformat.Blob blob = Fileformat.Blob.parseFrom(blobBytes);
    if (blob.hasRaw()) {
      return blob.getRaw().toByteArray();
    }
    if (!blob.hasZlibData()) {
      throw problem(source, "block " + block + " is compressed with " + blob.getDataCase()
          + ", which this reader does not support (it reads raw and zlib blocks); convert the"
          + " file with osmium cat");
    }
    int rawSize = blob.getRawSize();
    if (rawSize < 0 || rawSize > MAX_BLOB) {
      throw problem(source, "block " + block + " announces " + rawSize
          + " bytes uncompressed; OSM PBF allows 0 to " + MAX_BLOB);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(blob.getZlibData().toByteArray());
      byte[] out = new byte[rawSize];
      int n = 0;
      while (n < rawSize && !inflater.finished()) {
        int got = inflater.inflate(out, n, rawSize - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != rawSize) {
        throw problem(source, "block " + block + " inflates to " + n + " bytes where its header"
            + " says " + rawSize + "; the file is damaged");
      }
      return out;
    } catch (java.util.zip.DataFormatException e) {
      throw problem(source, "block " + block + " is not valid zlib data; the file is damaged");
    } finally {
      inflater.end();
    }
  }

  private static DataFormatException problem(String source, String message) {
    return new DataFormatException(List.of(new Problem(source, 0, "", message)));
  }

  /** Decodes primitive blocks with the library's coordinate and string-table handling. */
  private static final class Parser extends BinaryParser {
    private final OsmHandler handler;

    Parser(OsmHandler handler) {
      this.handler = handler;
    }

    @Override
    protected void parseDense(Osmformat.DenseNodes nodes) {
      long id = 0;
      long lat = 0;
      long lon = 0;
      int kv = 0;
      for (int i = 0; i < nodes.getIdCount(); i++) {
        id += nodes.getId(i);
        lat += nodes.getLat(i);
        lon += nodes.getLon(i);
        Map<String, String> tags = Map.of();
        if (nodes.getKeysValsCount() > 0) {
          while (kv < nodes.getKeysValsCount() && nodes.getKeysVals(kv) != 0) {
            if (tags.isEmpty()) {
              tags = new HashMap<>(8);
            }
            tags.put(getStringById(nodes.getKeysVals(kv)),
                getStringById(nodes.getKeysVals(kv + 1)));
            kv += 2;
          }
          kv++;
        }
        handler.node(id, parseLat(lat), parseLon(lon), tags);
      }
    }

    @Override
    protected void parseNodes(List<Osmformat.Node> nodes) {
      for (Osmformat.Node n : nodes) {
        Map<String, String> tags = Map.of();
        if (n.getKeysCount() > 0) {
          tags = new HashMap<>(n.getKeysCount() * 2);
          for (int i = 0; i < n.getKeysCount(); i++) {
            tags.put(getStringById(n.getKeys(i)), getStringById(n.getVals(i)));
          }
        }
        handler.node(n.getId(), parseLat(n.getLat()), parseLon(n.getLon()), tags);
      }
    }

    @Override
    protected void parseWays(List<Osmformat.Way> ways) {
      for (Osmformat.Way w : ways) {
        Map<String, String> tags = Map.of();
        if (w.getKeysCount() > 0) {
          tags = new HashMap<>(w.getKeysCount() * 2);
          for (int i = 0; i < w.getKeysCount(); i++) {
            tags.put(getStringById(w.getKeys(i)), getStringById(w.getVals(i)));
          }
        }
        long[] refs = new long[w.getRefsCount()];
        long ref = 0;
        for (int i = 0; i < refs.length; i++) {
          ref += w.getRefs(i);
          refs[i] = ref;
        }
        handler.way(w.getId(), refs, tags);
      }
    }

    @Override
    protected void parseRelations(List<Osmformat.Relation> relations) {
      // Relations (multipolygons, routes) are not part of the walk network or the facilities.
    }

    @Override
    protected void parse(Osmformat.HeaderBlock header) {
      // Checked by the framing loop, which reads the header block itself.
    }

    @Override
    public void complete() {
      // Nothing to flush: every element went to the handler as it was decoded.
    }
  }
}
