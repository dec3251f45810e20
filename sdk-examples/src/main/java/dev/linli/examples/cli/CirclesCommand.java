package dev.linli.examples.cli;

import dev.linli.core.InvalidValueException;
import dev.linli.core.city.City;
import dev.linli.core.circle.BoundaryOrigins;
import dev.linli.core.circle.CircleStandard;
import dev.linli.core.circle.CommunityProfile;
import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckReports;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.circle.Isochrone;
import dev.linli.core.circle.Isochrones;
import dev.linli.core.circle.Siting;
import dev.linli.core.circle.SitingObjective;
import dev.linli.core.circle.SitingOutcome;
import dev.linli.core.circle.SitingPlan;
import dev.linli.core.circle.StarRating;
import dev.linli.core.circle.StraightLine;
import dev.linli.core.circle.Travel;
import dev.linli.core.circle.TravelMatrix;
import dev.linli.core.circle.WalkNetwork;
import dev.linli.core.facility.Facility;
import dev.linli.core.place.Community;
import dev.linli.core.geo.Boundary;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.io.BoundaryGeoJson;
import dev.linli.core.io.CityCsv;
import dev.linli.core.io.CityGeoJson;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.osm.OsmImport;
import dev.linli.core.osm.PoiMapping;
import dev.linli.core.osm.WalkProfile;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code linli circles}: the service-circle health check. Its subcommands ({@link Score}, {@link
 * Site}, {@link Draw}) are added by {@link LinliCommand}, only the one a run names.
 */
@Command(name = "circles", mixinStandardHelpOptions = true,
    description = "Service-circle health check (体检): score, rank and site facilities.")
final class CirclesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Input options shared by the subcommands. */
  static final class Inputs {
    @Option(names = "--communities", required = true, paramLabel = "FILE",
        description = "Communities as CSV or GeoJSON (see docs/formats.md).")
    Path communities;

    @Option(names = "--facilities", paramLabel = "FILE",
        description = "Facilities as CSV or GeoJSON (needed unless --facilities-from-osm).")
    Path facilities;

    @Option(names = "--network", paramLabel = "FILE",
        description = "Walk network as GeoJSON LineStrings; default: straight line x circuity.")
    Path network;

    @Option(names = "--osm", paramLabel = "FILE",
        description = {"OpenStreetMap extract (.osm XML, .osm.gz or .osm.pbf): the walk network is "
            + "built from its ways by the walk profile; instead of --network."})
    Path osm;

    @Option(names = "--facilities-from-osm", description = "Also take facilities from the "
        + "--osm file's points of interest, mapped to facility types by the tag mapping.")
    boolean facilitiesFromOsm;

    @Option(names = "--walk-profile", paramLabel = "FILE", description = "Walk profile JSON for "
        + "--osm (default: the bundled one; see docs/formats.md).")
    Path walkProfile;

    @Option(names = "--poi-mapping", paramLabel = "FILE", description = "OpenStreetMap tag to "
        + "facility type mapping JSON for --facilities-from-osm (default: the bundled one).")
    Path poiMapping;

    private OsmImport.Result osmResult;

    /** Where the steps of reading are traced, if a command set it. */
    Progress progress;

    /** The input files read ahead of picocli, if any ({@link LinliCommand#run} sets it). */
    ReadAhead readAhead = ReadAhead.NONE;

    private void mark(String event) {
      if (progress != null) {
        progress.mark(event);
      }
    }

    @Option(names = "--snap", defaultValue = "5", paramLabel = "METRES",
        description = "Snap tolerance for network nodes (default: ${DEFAULT-VALUE} m).")
    double snap;

    @Option(names = "--circuity", defaultValue = "1.3",
        description = "Straight-line circuity factor (default: ${DEFAULT-VALUE}).")
    double circuity;

    @Option(names = "--bom", description = "Start the CSV files written with a UTF-8 "
        + "byte-order mark, for Excel on Chinese Windows (which otherwise reads them as GBK).")
    boolean bom;

    @Option(names = "--standard", paramLabel = "FILE",
        description = "Circle standard JSON (default: GB 50180-2018 mapped to Hangzhou's 20 types).")
    Path standard;

    @Option(names = "--travel-matrix", paramLabel = "FILE",
        description = "Travel times as CSV origin,destination,minutes (community id, facility id),"
            + " e.g. from r5 or OSRM; instead of --network or the straight line.")
    Path travelMatrix;

    @Option(names = "--boundaries", paramLabel = "FILE",
        description = "Community boundaries as GeoJSON Polygons/MultiPolygons keyed by community"
            + " id: homes are placed inside them and areas computed from them.")
    Path boundaries;

    @Option(names = "--boundary-points", defaultValue = "32", paramLabel = "N",
        description = "Homes spread inside each boundary (default: ${DEFAULT-VALUE}); 0 = one "
            + "at its centroid (or an interior point when the centroid is outside).")
    int boundaryPoints;

    @Option(names = "--boundary-seed", defaultValue = "1", paramLabel = "SEED",
        description = "Seed of the spread inside boundaries (default: ${DEFAULT-VALUE}).")
    long boundarySeed;

    @Option(names = "--rating", paramLabel = "FILE",
        description = "Five-star, three-colour rating JSON (五星三色; default: Linli's thresholds).")
    Path rating;

    private Map<String, Boundary> outlines;

    private Map<String, Boundary> outlines() throws IOException {
      if (outlines == null && boundaries != null) {
        outlines = read(boundaries, in -> BoundaryGeoJson.read(in, boundaries.toString()));
      }
      return outlines;
    }


    /** The --osm file read once: its network and its facilities serve both steps. */
    OsmImport.Result osm(PrintWriter err) throws IOException {
      if (osmResult == null) {
        OsmImport.Builder b = OsmImport.builder();
        if (walkProfile != null) {
          b.profile(read(walkProfile, in -> WalkProfile.parse(in, walkProfile.toString())));
        }
        if (poiMapping != null) {
          b.mapping(read(poiMapping, in -> PoiMapping.parse(in, poiMapping.toString(),
              FacilityTaxonomy.hangzhou())));
        }
        osmResult = OsmFiles.read(osm, b.build());
        err.println("linli: " + osm + ": " + osmResult.summary().describe());
        err.flush();
      }
      return osmResult;
    }

    /** Refuses option combinations that cannot mean anything, naming both options. */
    void checkOptions() {
      if (osm != null && travelMatrix != null) {
        throw new InvalidValueException("--travel-matrix", travelMatrix.toString(),
            "cannot be used with --osm " + osm + ": give one travel model");
      }
      if (osm != null && network != null) {
        throw new InvalidValueException("--network", network.toString(),
            "cannot be used with --osm " + osm + ": give one walk network");
      }
      if (facilitiesFromOsm && osm == null) {
        throw new InvalidValueException("--facilities-from-osm", "true", "needs --osm FILE");
      }
      if ((walkProfile != null || poiMapping != null) && osm == null) {
        throw new InvalidValueException(walkProfile != null ? "--walk-profile" : "--poi-mapping",
            String.valueOf(walkProfile != null ? walkProfile : poiMapping), "needs --osm FILE");
      }
      if (facilities == null && !facilitiesFromOsm) {
        throw new InvalidValueException("--facilities", "nothing",
            "is needed: give --facilities FILE, or --osm FILE --facilities-from-osm");
      }
    }

    City city(PrintWriter err) throws IOException {
      checkOptions();
      City places;
      List<Facility> list;
      if (facilities == null) {
        places = readCommunities();
        list = List.of();
      } else {
        // Both files at once; a problem in the communities is still reported first.
        List<Object> both = SideBySide.all(List.of(() -> {
          City read = readCommunities();
          mark("read " + communities);
          return read;
        }, () -> {
          List<Facility> read = readFacilities();
          mark("read " + facilities);
          return read;
        }));
        places = (City) both.get(0);
        @SuppressWarnings("unchecked")
        List<Facility> read = (List<Facility>) both.get(1);
        list = read;
      }
      // The city built below refuses a facility whose community is not in the communities file
      // too, but without the file's line; the facilities are walked for that line only when it
      // does (a walk of every facility less in each run). OSM facilities and boundaries are read
      // in between and could fail first, so with them the file is checked first, as it was.
      List<Facility> fromFile = list;
      boolean checkFirst = facilitiesFromOsm || boundaries != null;
      if (checkFirst) {
        checkCommunities(places, fromFile);
      }
      if (facilitiesFromOsm) {
        list = new ArrayList<>(list);
        list.addAll(osm(err).facilities());
      }
      if (boundaries != null) {
        places = withAreas(places, outlines());
      }
      try {
        return places.toBuilder().facilities(list).build();
      } catch (InvalidValueException e) {
        if (!checkFirst) {
          checkCommunities(places, fromFile);
        }
        throw e;
      }
    }

    /**
     * Refuses the facilities file's facilities whose community is not in the communities file,
     * every one with its line (or GeoJSON feature).
     */
    private void checkCommunities(City places, List<Facility> list) throws IOException {
      Set<String> known = new HashSet<>();
      places.communities().forEach(c -> known.add(c.id()));
      List<Problem> missing = new ArrayList<>();
      List<Long> lines = null;
      for (int i = 0; i < list.size(); i++) {
        String ref = list.get(i).communityId();
        if (ref != null && !known.contains(ref)) {
          lines = lines == null ? RecordLines.of(facilities) : lines;
          boolean geo = lines.size() == list.size() && name(facilities).contains(".geo");
          missing.add(new Problem(facilities.toString(), i < lines.size() ? lines.get(i) : 0,
              geo ? "$.features[" + i + "].properties.community_id" : "community_id",
              "refers to community \"" + ref + "\", which is not in " + communities));
        }
      }
      if (!missing.isEmpty()) {
        throw new DataFormatException(missing);
      }
    }

    /** The communities alone, for isochrones around them. */
    City communitiesOnly() throws IOException {
      return readCommunities();
    }

    private City readCommunities() throws IOException {
      City ahead = readAhead.communities(communities);
      if (ahead != null) {
        mark("took " + communities + " read ahead");
        return ahead;
      }
      return readCommunities(communities);
    }

    private List<Facility> readFacilities() throws IOException {
      List<Facility> ahead = readAhead.facilities(facilities);
      if (ahead != null) {
        mark("took " + facilities + " read ahead");
        return ahead;
      }
      return readFacilities(facilities);
    }

    /** Reads a communities file, CSV or GeoJSON by its name; also {@link ReadAhead}'s reading. */
    static City readCommunities(Path communities) throws IOException {
      return name(communities).endsWith(".geojson") || name(communities).endsWith(".json")
          ? read(communities, in -> CityGeoJson.strict().readCommunities(in, name(communities))
              .value())
          : CityCsv.strict().readCommunities(communities).value();
    }

    /** Reads a facilities file, CSV or GeoJSON by its name; also {@link ReadAhead}'s reading. */
    static List<Facility> readFacilities(Path facilities) throws IOException {
      return name(facilities).endsWith(".geojson") || name(facilities).endsWith(".json")
          ? read(facilities, in -> CityGeoJson.strict().readFacilities(in, name(facilities))
              .value())
          : CityCsv.strict().readFacilities(facilities).value();
    }

    /** The communities with their areas computed from their boundaries; others unchanged. */
    private City withAreas(City places, Map<String, Boundary> outlines) {
      Set<String> known = new HashSet<>();
      List<Community> updated = new ArrayList<>();
      for (Community c : places.communities()) {
        known.add(c.id());
        Boundary b = outlines.get(c.id());
        updated.add(b == null ? c : new Community(c.id(), c.subdistrictId(), c.name(),
            c.centroid(), c.locationApproximate(), b.areaHectares(), c.population(), c.tags()));
      }
      List<Problem> unknown = new ArrayList<>();
      for (String id : outlines.keySet()) {
        if (!known.contains(id)) {
          unknown.add(new Problem(boundaries.toString(), 0, "$.features[id=" + id + "]",
              "boundary of community \"" + id + "\", which is not in " + communities));
        }
      }
      if (!unknown.isEmpty()) {
        throw new DataFormatException(unknown);
      }
      return City.builder().districts(places.districts()).subdistricts(places.subdistricts())
          .communities(updated).estates(places.estates()).build();
    }

    HealthCheck check(City city, PrintWriter err) throws IOException {
      HealthCheck.Builder b = HealthCheck.builder();
      CircleStandard circles = standard == null ? CircleStandard.gb50180()
          : read(standard, in -> CircleStandard.parse(in, name(standard)));
      b.standard(circles);
      if (network != null && travelMatrix != null) {
        throw new InvalidValueException("--travel-matrix", travelMatrix.toString(),
            "give either --network " + network + " or --travel-matrix, not both");
      }
      if (rating != null) {
        b.rating(read(rating, in -> StarRating.parse(in, name(rating))));
      }
      if (boundaries != null) {
        InvalidValueException.check(boundaryPoints >= 0 && boundaryPoints <= 10_000,
            "--boundary-points", boundaryPoints, "must be 0 (centroid) to 10000");
        b.origins(boundaryPoints == 0 ? BoundaryOrigins.centroids(outlines())
            : BoundaryOrigins.spread(outlines(), boundaryPoints, boundarySeed));
      }
      Travel travel = osm != null ? osm(err).network()
          : travelMatrix != null
          ? read(travelMatrix, in -> TravelMatrix.read(in, travelMatrix.toString()))
          : network == null ? new StraightLine(circuity)
          : read(network, in -> WalkNetwork.fromGeoJson(in, name(network), snap));
      if (travel instanceof WalkNetwork walk) {
        reach(walk, city, circles.largestDistanceMetres(), err);
      }
      return b.travel(travel).build();
    }

    /**
     * Warns about homes and facilities too far from every node of the walk network to join it
     * (farther than the largest circle: nothing could be reached from there), and refuses a
     * network that none of the homes or none of the facilities can join, whose every score would
     * be 0.
     */
    private void reach(WalkNetwork walk, City city, double limitMetres, PrintWriter err) {
      int homesOut = 0;
      for (dev.linli.core.place.Community c : city.communities()) {
        if (!joins(walk, c.centroid(), limitMetres)) {
          homesOut++;
        }
      }
      int facilitiesOut = 0;
      for (Facility f : city.facilities()) {
        if (!joins(walk, f.location(), limitMetres)) {
          facilitiesOut++;
        }
      }
      if (homesOut == 0 && facilitiesOut == 0) {
        return;
      }
      String counts = String.format(Locale.ROOT, "%d of %d communities and %d of %d facilities"
          + " are more than %.0f m from every node of %s (%d nodes), so they cannot join it",
          homesOut, city.communities().size(), facilitiesOut, city.facilities().size(),
          limitMetres, osm != null ? osm : network, walk.nodeCount());
      boolean none = (!city.communities().isEmpty() && homesOut == city.communities().size())
          || (!city.facilities().isEmpty() && facilitiesOut == city.facilities().size());
      if (none) {
        throw new DataFormatException(List.of(new Problem((osm != null ? osm : network)
            .toString(), 0, osm != null ? "" : "$",
            "the walk network reaches no " + (homesOut == city.communities().size()
                ? "community" : "facility") + ": " + counts + "; check that it covers the same"
                + " area in WGS-84, longitude first")));
      }
      err.println("linli: warning: " + counts + "; they score as unreachable");
      err.flush();
    }

    private static boolean joins(WalkNetwork walk, GeoPoint p, double limitMetres) {
      var hit = walk.attach(p);
      return hit != null && hit.distanceMetres() <= limitMetres;
    }

    private static String name(Path p) {
      return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    interface Reader<T> {
      T read(InputStream in);
    }

    static <T> T read(Path file, Reader<T> reader) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return reader.read(in);
      }
    }
  }

  /** {@code linli circles score}. */
  @Command(name = "score", mixinStandardHelpOptions = true,
      description = {"Score every community, rank them and flag the bottom 10%%.",
          "Writes scores.csv, profiles.json, gaps.csv, communities.geojson, map.svg and "
              + "histogram.svg into --out."})
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Inputs inputs;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Output directory (default: the current directory).")
    Path out;

    @Override
    public Integer call() throws IOException {
      HeapBudget.check(inputs.communities, inputs.facilities, Runtime.getRuntime().maxMemory());
      try (Progress progress = Progress.start(spec.commandLine().getErr())) {
        return score(progress);
      }
    }

    private int score(Progress progress) throws IOException {
      inputs.progress = progress;
      progress.step("reading " + inputs.communities + " and "
          + (inputs.facilities != null ? inputs.facilities : inputs.osm));
      City city = inputs.city(spec.commandLine().getErr());
      progress.step("reading the standard and the walk network");
      HealthCheck check = inputs.check(city, spec.commandLine().getErr());
      progress.step(String.format(Locale.ROOT, "scoring %d communities against %d facilities",
          city.communities().size(), city.facilities().size()));
      long start = System.nanoTime();
      HealthCheckResult result = check.run(city);
      long millis = (System.nanoTime() - start) / 1_000_000;
      progress.step("writing the results to " + out);
      Files.createDirectories(out);
      // The same drawings as the report page's, as files of their own.
      HealthReportPage page = new HealthReportPage(result, List.of(),
          dev.linli.core.facility.FacilityTaxonomy.hangzhou());
      // Independent files: written side by side (about a third of a whole run on one thread),
      // the longest first (profiles.json, then scores.csv and the map), so that the short ones
      // fill in at the end instead of one long file starting last.
      SideBySide.<Void>all(List.of(
          done(progress, "profiles.json", () -> bytes(out.resolve("profiles.json"),
              o -> HealthCheckReports.writeProfilesJson(result, o))),
          done(progress, "scores.csv", () -> csv(out.resolve("scores.csv"), inputs.bom,
              w -> HealthCheckReports.writeScoresCsv(result, w))),
          done(progress, "map.svg", () -> Files.writeString(out.resolve("map.svg"),
              page.mapSvg(), StandardCharsets.UTF_8)),
          done(progress, "gaps.csv", () -> csv(out.resolve("gaps.csv"), inputs.bom,
              w -> HealthCheckReports.writeGapsCsv(result, w))),
          done(progress, "communities.geojson", () -> bytes(out.resolve("communities.geojson"),
              o -> HealthCheckReports.writeCommunitiesGeoJson(result, o))),
          done(progress, "histogram.svg", () -> Files.writeString(out.resolve("histogram.svg"),
              page.histogramSvg(), StandardCharsets.UTF_8))));
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "scored %d communities against %d facilities (%s) in %d ms%n",
          result.profiles().size(), city.facilities().size(), result.travel().describe(), millis);
      o.printf(Locale.ROOT, "bottom %d (%.0f%%) flagged for gap filling; the five lowest:%n",
          result.bottom().size(), 100.0 * result.bottom().size()
              / Math.max(1, result.profiles().size()));
      TextTable table = new TextTable(">rank", "community", ">index", "first reason");
      for (CommunityProfile p : result.bottom().subList(0, Math.min(5, result.bottom().size()))) {
        table.row(p.rank(), p.name().display(), String.format(Locale.ROOT, "%.1f", p.index()),
            p.reasons().isEmpty() ? "" : p.reasons().get(0));
      }
      o.print(table.render());
      o.println("wrote scores.csv, profiles.json, gaps.csv, communities.geojson, map.svg, "
          + "histogram.svg to " + out);
      o.flush();
      return 0;
    }
  }

  /** {@code linli circles site}. */
  @Command(name = "site", mixinStandardHelpOptions = true,
      description = {"Choose sites for new facilities of a type. Objectives: coverage (K sites "
          + "covering the most residents not yet served; the default), p-median (K sites making "
          + "the total walk to the nearest facility least), lscp (the fewest sites covering "
          + "everyone a candidate can reach; no --k), gap-filling (K sites covering the bottom "
          + "group's residents first). Writes sites.csv and sites.geojson."})
  static final class Site implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Inputs inputs;

    @Option(names = "--type", required = true, description = "Facility type code, e.g. community-canteen.")
    String type;

    @Option(names = "--k", description = "How many new facilities (not for lscp).")
    int k;

    @Option(names = "--objective", defaultValue = "coverage",
        description = "coverage, p-median, lscp or gap-filling (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--spacing", defaultValue = "250", paramLabel = "METRES",
        description = "Spacing of the candidate grid (default: ${DEFAULT-VALUE} m).")
    double spacing;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Output directory (default: the current directory).")
    Path out;

    @Override
    public Integer call() throws IOException {
      HeapBudget.check(inputs.communities, inputs.facilities, Runtime.getRuntime().maxMemory());
      City city = inputs.city(spec.commandLine().getErr());
      HealthCheckResult result = inputs.check(city, spec.commandLine().getErr()).run(city);
      SitingObjective goal = SitingObjective.of(objective, k);
      if (!(goal instanceof SitingObjective.SetCover)) {
        InvalidValueException.check(k >= 1 && k <= 10_000, "k", k,
            "must be between 1 and 10000 (--k is needed for " + goal.code() + ")");
      }
      List<GeoPoint> candidates = Siting.gridCandidates(city, spacing);
      // Coverage keeps today's greedy plan; the other objectives report their own measures too.
      SitingOutcome outcome = goal instanceof SitingObjective.MaxCoverage ? null
          : Siting.plan(result, type, candidates, goal);
      SitingPlan plan = outcome == null ? Siting.greedy(result, type, candidates, k)
          : outcome.plan();
      Files.createDirectories(out);
      csv(out.resolve("sites.csv"), inputs.bom, w -> HealthCheckReports.writeSitesCsv(plan, w));
      bytes(out.resolve("sites.geojson"), o -> HealthCheckReports.writeSitesGeoJson(plan, o));
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "%s: %.0f residents beyond %.0f m; %d candidate sites on a %.0f m grid%n",
          type, plan.residentsUncovered(), plan.radiusMetres(), candidates.size(), spacing);
      TextTable table = new TextTable(">step", ">lat", ">lon", ">newly covered", ">total");
      int step = 1;
      for (SitingPlan.Step s : plan.steps()) {
        table.row(step++, String.format(Locale.ROOT, "%.5f", s.site().lat()),
            String.format(Locale.ROOT, "%.5f", s.site().lon()),
            String.format(Locale.ROOT, "%.0f", s.newlyCovered()),
            String.format(Locale.ROOT, "%.0f", s.totalCovered()));
      }
      o.print(table.render());
      if (outcome != null) {
        double people = result.profiles().stream().mapToDouble(p -> p.population()).sum();
        o.printf(Locale.ROOT, "%s (%s): %d sites; mean walk to the nearest %s %s -> %s; "
            + "bottom group: %.0f of %.0f residents outside the circle newly covered; "
            + "%.0f residents no candidate can cover%n", goal.code(),
            outcome.optimal() ? "exact: proven optimal" : "heuristic", plan.steps().size(), type,
            walk(outcome.residentMetresBefore() / Math.max(1, people)),
            walk(outcome.residentMetresAfter() / Math.max(1, people)),
            outcome.bottomResidentsCovered(),
            outcome.bottomResidentsUncovered(), outcome.residentsUncoverable());
      }
      o.println("wrote sites.csv and sites.geojson to " + out);
      o.flush();
      return 0;
    }
  }

  /** {@code linli circles isochrones}. */
  @Command(name = "isochrones", mixinStandardHelpOptions = true,
      description = {"Draw service circles as polygons: the area within 5, 10 and 15 walking "
          + "minutes of every community (or centre, or facility of a type). Straight line: "
          + "geodesic circles of distance / circuity; walk network: the convex hull of the "
          + "nodes reached and the points where the walk runs out along each edge. Writes "
          + "isochrones.geojson into --out."})
  static final class Draw implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--communities", required = true, paramLabel = "FILE",
        description = "Communities as CSV or GeoJSON.")
    Path communities;

    @Option(names = "--facilities", paramLabel = "FILE",
        description = "Facilities as CSV or GeoJSON (for --around centres or a type).")
    Path facilities;

    @Option(names = "--network", paramLabel = "FILE",
        description = "Walk network as GeoJSON LineStrings; default: straight line x circuity.")
    Path network;

    @Option(names = "--snap", defaultValue = "5", paramLabel = "METRES",
        description = "Snap tolerance for network nodes (default: ${DEFAULT-VALUE} m).")
    double snap;

    @Option(names = "--circuity", defaultValue = "1.3",
        description = "Straight-line circuity factor (default: ${DEFAULT-VALUE}).")
    double circuity;

    @Option(names = "--around", defaultValue = "communities", paramLabel = "WHAT",
        description = "communities, centres (the sites facilities name) or a facility type code "
            + "(default: ${DEFAULT-VALUE}).")
    String around;

    @Option(names = "--minutes", defaultValue = "5,10,15", split = ",", paramLabel = "M",
        description = "Walking times (default: ${DEFAULT-VALUE}).")
    double[] minutes;

    @Option(names = "--speed", defaultValue = "80", paramLabel = "M/MIN",
        description = "Walking speed (default: ${DEFAULT-VALUE} m/min, GB 50180's).")
    double speed;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "Output directory (default: the current directory).")
    Path out;

    @Override
    public Integer call() throws IOException {
      Inputs inputs = new Inputs();
      inputs.communities = communities;
      inputs.facilities = facilities;
      boolean needsFacilities = !around.equals("communities");
      if (needsFacilities && facilities == null) {
        throw new InvalidValueException("--around", around,
            "needs --facilities (centres and types are read from the facilities)");
      }
      // Around communities the facilities are not needed.
      City city = facilities == null ? inputs.communitiesOnly()
          : inputs.city(spec.commandLine().getErr());
      Travel travel = network == null ? new StraightLine(circuity)
          : Inputs.read(network, in -> WalkNetwork.fromGeoJson(in, network.getFileName()
              .toString(), snap));
      Isochrones drawer = Isochrones.builder().travel(travel).minutes(minutes).walkingSpeed(speed)
          .build();
      List<Isochrone> drawn;
      if (around.equals("communities")) {
        drawn = drawer.aroundCommunities(city);
      } else if (around.equals("centres")) {
        drawn = drawer.aroundCentres(city);
      } else {
        InvalidValueException.check(city.facilities().stream()
            .anyMatch(f -> f.typeCode().equals(around)), "--around", around,
            "must be communities, centres or the type code of a facility in " + facilities);
        drawn = drawer.aroundFacilities(city, around);
      }
      Files.createDirectories(out);
      bytes(out.resolve("isochrones.geojson"), o -> Isochrones.writeGeoJson(drawn, o));
      PrintWriter o = spec.commandLine().getOut();
      java.util.Map<Double, Integer> perTime = new java.util.TreeMap<>();
      drawn.forEach(i -> perTime.merge(i.minutes(), 1, Integer::sum));
      StringBuilder counts = new StringBuilder();
      perTime.forEach((m, n) -> counts.append(counts.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%d %s-minute", n, trim(m))));
      o.printf(Locale.ROOT, "drew %s circles around %s (%s)%n", counts, around, travel.describe());
      o.println("wrote isochrones.geojson to " + out);
      o.flush();
      return 0;
    }

    private static String trim(double minutes) {
      return minutes == Math.rint(minutes) ? Long.toString((long) minutes)
          : Double.toString(minutes);
    }
  }

  /** A file write as a step of {@link SideBySide}. */
  interface FileWrite {
    void write() throws IOException;
  }

  static SideBySide.Step<Void> done(FileWrite write) {
    return () -> {
      write.write();
      return null;
    };
  }

  /** As {@link #done(FileWrite)}, naming the file to the progress trace once it is written. */
  static SideBySide.Step<Void> done(Progress progress, String file, FileWrite write) {
    return () -> {
      write.write();
      progress.mark("wrote " + file);
      return null;
    };
  }

  /** A mean walk for the console; infinite while some residents have no facility of the type. */
  private static String walk(double metres) {
    return Double.isFinite(metres) ? String.format(Locale.ROOT, "%.0f m", metres)
        : "none for some";
  }

  /** What writes a text file's content. */
  interface TextBody {
    void write(Writer w) throws IOException;
  }

  /** What writes a binary (UTF-8 JSON) file's content. */
  interface ByteBody {
    void write(OutputStream o) throws IOException;
  }

  /** Writes a UTF-8 text file; shared with {@code linli report}. */
  static void text(Path file, TextBody body) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      body.write(w);
    }
  }

  /**
   * Writes a CSV file, starting with a UTF-8 byte-order mark if {@code bom}: Excel on Chinese
   * Windows reads a CSV without one as GBK and garbles every Chinese name. Linli's readers accept
   * either.
   */
  static void csv(Path file, boolean bom, TextBody body) throws IOException {
    text(file, w -> {
      if (bom) {
        w.write('\uFEFF');
      }
      body.write(w);
    });
  }

  /** Writes a file from a stream writer; shared with {@code linli report}. */
  static void bytes(Path file, ByteBody body) throws IOException {
    try (OutputStream o = Files.newOutputStream(file)) {
      body.write(o);
    }
  }
}
