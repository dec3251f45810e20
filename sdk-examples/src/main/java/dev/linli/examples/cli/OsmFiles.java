package dev.linli.examples.cli;

import dev.linli.core.osm.OsmImport;
import dev.linli.core.osm.OsmXml;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an OpenStreetMap file for {@code --osm} by what its first bytes are, not by its name
 * (downloads are often renamed): PBF, gzip-compressed XML, or XML.
 */
final class OsmFiles {
  private OsmFiles() {}

  static OsmImport.Result read(Path file, OsmImport osm) throws IOException {
    String source = file.toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(64);
      byte[] start = new byte[64];
      int n = raw.readNBytes(start, 0, start.length);
      raw.reset();
      OsmImport.Collector c = osm.collector(source);
      if (OsmPbf.looksLikePbf(start, n)) {
        OsmPbf.read(raw, source, c);
      } else if (n >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
        try (InputStream xml = new BufferedInputStream(new GZIPInputStream(raw), 1 << 16)) {
          OsmXml.read(xml, source, c);
        }
      } else {
        OsmXml.read(raw, source, c);
      }
      return c.finish();
    }
  }
}
