package dev.linli.core.io;

import dev.linli.core.InvalidValueException;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.Population;
import dev.linli.core.place.Subdistrict;
import java.util.HashMap;
import dev.linli.core.internal.Row;
import dev.linli.core.internal.RowCodec;
import java.util.List;
import java.util.Map;

/**
 * Communities as flat rows, each carrying its district and subdistrict so that one file describes the
 * whole place hierarchy a health check needs. A reading instance remembers the districts and
 * subdistricts it has seen and rejects rows that contradict them; use one instance per file.
 */
final class CommunityCodec extends RowCodec<CommunityCodec.Entry> {
  /** A community with the district and subdistrict named on its row. */
  public record Entry(District district, Subdistrict subdistrict, Community community) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("id", Kind.TEXT, false),
      new Column("name_zh", Kind.TEXT, false),
      new Column("name_en", Kind.TEXT, true),
      new Column("district_id", Kind.TEXT, false),
      new Column("district_zh", Kind.TEXT, false),
      new Column("district_en", Kind.TEXT, true),
      new Column("subdistrict_id", Kind.TEXT, false),
      new Column("subdistrict_zh", Kind.TEXT, false),
      new Column("subdistrict_en", Kind.TEXT, true),
      new Column("lat", Kind.COORDINATE, false),
      new Column("lon", Kind.COORDINATE, false),
      new Column("location_approximate", Kind.BOOLEAN, true),
      new Column("area_ha", Kind.NUMBER, true),
      new Column("pop_0_3", Kind.INTEGER, false),
      new Column("pop_4_17", Kind.INTEGER, false),
      new Column("pop_18_59", Kind.INTEGER, false),
      new Column("pop_60_79", Kind.INTEGER, false),
      new Column("pop_80_plus", Kind.INTEGER, false),
      new Column("tags", Kind.LIST, true));

  private static final Map<String, String> FIELD_COLUMNS = Map.ofEntries(
      Map.entry("id", "id"), Map.entry("subdistrictId", "subdistrict_id"),
      Map.entry("name", "name_zh"), Map.entry("name.zh", "name_zh"), Map.entry("name.en", "name_en"),
      Map.entry("areaHectares", "area_ha"), Map.entry("tags", "tags"),
      Map.entry("age0to3", "pop_0_3"), Map.entry("age4to17", "pop_4_17"),
      Map.entry("age18to59", "pop_18_59"), Map.entry("age60to79", "pop_60_79"),
      Map.entry("age80plus", "pop_80_plus"), Map.entry("population", "pop_0_3"));

  private final Map<String, District> districts = new HashMap<>();
  private final Map<String, Subdistrict> subdistricts = new HashMap<>();

  /** Creates a codec for one file. */
  public CommunityCodec() {
    super(COLUMNS, FIELD_COLUMNS);
  }

  @Override
  public String id(Entry value) {
    return value.community().id();
  }

  @Override
  public Entry read(Row row) {
    District district = withField("district_id", () ->
        new District(row.text("district_id"), row.name("district_zh", "district_en")));
    Subdistrict subdistrict = withField("subdistrict_id", () -> new Subdistrict(
        row.text("subdistrict_id"), district.id(), row.name("subdistrict_zh", "subdistrict_en")));
    Population population = new Population(row.integer("pop_0_3", null),
        row.integer("pop_4_17", null), row.integer("pop_18_59", null),
        row.integer("pop_60_79", null), row.integer("pop_80_plus", null));
    Community community = new Community(row.text("id"), subdistrict.id(),
        row.name("name_zh", "name_en"), row.point("lat", "lon"), row.bool("location_approximate"),
        row.number("area_ha", 0.0), population, row.list("tags"));
    agree(districts, district.id(), district, "district_zh", "district",
        d -> d.name().toString());
    agree(subdistricts, subdistrict.id(), subdistrict, "subdistrict_zh", "subdistrict",
        s -> s.name() + " in district " + s.districtId());
    return new Entry(district, subdistrict, community);
  }

  private static <T> T withField(String idColumn, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidValueException e) {
      throw e.field().equals("id") ? new InvalidValueException(idColumn, e.value(), e.allowed()) : e;
    }
  }

  private static <T> void agree(Map<String, T> seen, String id, T value, String column, String kind,
      java.util.function.Function<T, String> describe) {
    T earlier = seen.putIfAbsent(id, value);
    if (earlier != null && !earlier.equals(value)) {
      throw new InvalidValueException(column, describe.apply(value),
          "disagrees with an earlier row for " + kind + " \"" + id + "\": " + describe.apply(earlier));
    }
  }

  @Override
  public List<String> write(Entry e) {
    Community c = e.community();
    Population p = c.population();
    return List.of(c.id(), c.name().zh(), c.name().en(), e.district().id(),
        e.district().name().zh(), e.district().name().en(), e.subdistrict().id(),
        e.subdistrict().name().zh(), e.subdistrict().name().en(), Row.decimal(c.centroid().lat()),
        Row.decimal(c.centroid().lon()), c.locationApproximate() ? "true" : "false",
        Row.decimal(c.areaHectares()), Integer.toString(p.age0to3()), Integer.toString(p.age4to17()),
        Integer.toString(p.age18to59()), Integer.toString(p.age60to79()),
        Integer.toString(p.age80plus()), Row.joined(c.tags()));
  }
}
