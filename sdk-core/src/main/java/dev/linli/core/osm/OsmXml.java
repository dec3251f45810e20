package dev.linli.core.osm;

import dev.linli.core.DataFormatException;
import dev.linli.core.LinliIoException;
import dev.linli.core.Problem;
import dev.linli.core.internal.NonClosing;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads OpenStreetMap XML ({@code <osm version="0.6">}, as the OpenStreetMap website, JOSM, Overpass
 * and osmium write it) with the JDK's streaming parser, handing each node and way to an
 * {@link OsmHandler} as it is read: memory does not grow with the file. Relations, changesets and
 * bounds are skipped, as are elements marked {@code action="delete"} or {@code visible="false"}
 * (JOSM's and history files' deleted objects). DTDs and external entities are refused.
 *
 * <p>A bad element (an id, latitude or longitude that is not a number in range, a way node
 * without {@code ref}) is reported with its line, the reading goes on, and a
 * {@link DataFormatException} listing every problem (up to {@value #MAX_PROBLEMS}) is thrown at the
 * end; the handler has then seen the good elements and its result should be dropped. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class OsmXml {
  /** How many problems a read collects before it stops. */
  public static final int MAX_PROBLEMS = 100;

  private OsmXml() {}

  /**
   * Reads a whole OSM XML document.
   *
   * @param in the bytes (UTF-8 or as the XML declaration says); not closed
   * @param source a name for messages, such as the file name
   * @param handler receives the nodes and ways, not null
   * @throws DataFormatException if the bytes are not well-formed XML, the root is not
   *     {@code <osm>}, or elements are malformed (every one listed, with its line)
   * @throws LinliIoException if reading fails
   */
  public static void read(InputStream in, String source, OsmHandler handler) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    List<Problem> problems = new ArrayList<>();
    XMLStreamReader x = null;
    try {
      x = factory.createXMLStreamReader(NonClosing.input(in));
      new Pass(x, source, handler, problems).run();
    } catch (XMLStreamException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
      String where = e.getLocation() == null ? ""
          : " (line " + line + ", column " + e.getLocation().getColumnNumber() + ")";
      problems.add(new Problem(source, line, "", "is not well-formed XML" + where + ": "
          + Problem.excerpt(firstLine(e.getMessage())) + "; an OpenStreetMap XML file starts"
          + " with <osm version=\"0.6\">, and a .osm.pbf file needs the PBF reader"));
    } catch (java.io.UncheckedIOException e) {
      throw new LinliIoException(source, "cannot be read", e.getCause());
    } finally {
      if (x != null) {
        try {
          x.close();
        } catch (XMLStreamException ignored) {
          // closing a reader over a stream we do not own releases nothing worth reporting
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    // The JDK's messages start with "ParseError at [row,col]:[1,1]\nMessage: ...".
    int m = message.indexOf("Message: ");
    return m >= 0 ? message.substring(m + 9).trim() : message.trim();
  }

  /** One read of one document. */
  private static final class Pass {
    private final XMLStreamReader x;
    private final String source;
    private final OsmHandler handler;
    private final List<Problem> problems;
    private long[] refs = new long[64];

    Pass(XMLStreamReader x, String source, OsmHandler handler, List<Problem> problems) {
      this.x = x;
      this.source = source;
      this.handler = handler;
      this.problems = problems;
    }

    void run() throws XMLStreamException {
      while (x.hasNext() && x.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: declaration, comments, white space
      }
      if (!x.isStartElement() || !x.getLocalName().equals("osm")) {
        problems.add(new Problem(source, x.isStartElement() ? line() : 0, "",
            "is not OpenStreetMap XML: the root element is "
                + (x.isStartElement() ? "<" + Problem.excerpt(x.getLocalName()) + ">" : "missing")
                + "; an OpenStreetMap file starts with <osm version=\"0.6\">"));
        return;
      }
      while (x.hasNext() && problems.size() < MAX_PROBLEMS) {
        int event = x.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (x.getLocalName()) {
            case "node" -> node();
            case "way" -> way();
            default -> skip();
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          return;
        }
      }
    }

    private long line() {
      return Math.max(0, x.getLocation().getLineNumber());
    }

    private boolean deleted() {
      return "delete".equals(x.getAttributeValue(null, "action"))
          || "false".equals(x.getAttributeValue(null, "visible"));
    }

    private void node() throws XMLStreamException {
      long line = line();
      boolean deleted = deleted();
      Long id = number(x.getAttributeValue(null, "id"), "node", "id", line);
      String where = "node[@id=" + (id == null ? "?" : id) + "]";
      Double lat = coordinate(x.getAttributeValue(null, "lat"), where, "lat", 90, line);
      Double lon = coordinate(x.getAttributeValue(null, "lon"), where, "lon", 180, line);
      Map<String, String> tags = Map.of();
      while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (x.getLocalName().equals("tag")) {
          tags = tag(tags, where);
        } else {
          skip();
        }
      }
      if (id != null && lat != null && lon != null && !deleted) {
        handler.node(id, lat, lon, tags);
      }
    }

    private void way() throws XMLStreamException {
      long line = line();
      boolean deleted = deleted();
      Long id = number(x.getAttributeValue(null, "id"), "way", "id", line);
      String where = "way[@id=" + (id == null ? "?" : id) + "]";
      Map<String, String> tags = Map.of();
      int count = 0;
      boolean bad = id == null;
      while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (x.getLocalName().equals("nd")) {
          Long ref = number(x.getAttributeValue(null, "ref"), where + "/nd", "ref", line());
          if (ref == null) {
            bad = true;
          } else {
            if (count == refs.length) {
              refs = Arrays.copyOf(refs, count * 2);
            }
            refs[count++] = ref;
          }
          skip();
        } else if (x.getLocalName().equals("tag")) {
          tags = tag(tags, where);
        } else {
          skip();
        }
      }
      if (!bad && !deleted) {
        handler.way(id, Arrays.copyOf(refs, count), tags);
      }
    }

    private Map<String, String> tag(Map<String, String> tags, String where)
        throws XMLStreamException {
      String k = x.getAttributeValue(null, "k");
      String v = x.getAttributeValue(null, "v");
      if (k == null || v == null) {
        problems.add(new Problem(source, line(), where + "/tag",
            "needs both k and v attributes"));
      }
      skip();
      if (k == null || v == null) {
        return tags;
      }
      Map<String, String> out = tags.isEmpty() ? new HashMap<>(8) : tags;
      out.put(k, v);
      return out;
    }

    /** Moves past the end of the current element. */
    private void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int e = x.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    private Long number(String text, String where, String attribute, long line) {
      if (text != null) {
        try {
          return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      problems.add(new Problem(source, line, where + "/@" + attribute, text == null
          ? "is missing" : "must be a whole number (got \"" + Problem.excerpt(text) + "\")"));
      return null;
    }

    private Double coordinate(String text, String where, String attribute, int limit,
        long line) {
      if (text != null) {
        try {
          double v = Double.parseDouble(text.trim());
          if (Double.isFinite(v) && Math.abs(v) <= limit) {
            return v;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      problems.add(new Problem(source, line, where + "/@" + attribute, text == null
          ? "is missing" : "must be degrees from -" + limit + " to " + limit + " (got \""
              + Problem.excerpt(text) + "\")"));
      return null;
    }
  }
}
