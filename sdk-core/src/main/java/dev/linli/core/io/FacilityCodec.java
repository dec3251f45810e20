package dev.linli.core.io;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.internal.Row;
import dev.linli.core.internal.RowCodec;
import java.util.List;
import java.util.Map;

/** Facilities as flat rows; the type is checked against the taxonomy given. */
final class FacilityCodec extends RowCodec<Facility> {
  private static final List<Column> COLUMNS = List.of(
      new Column("id", Kind.TEXT, false),
      new Column("type", Kind.TEXT, false),
      new Column("name_zh", Kind.TEXT, false),
      new Column("name_en", Kind.TEXT, true),
      new Column("lat", Kind.COORDINATE, false),
      new Column("lon", Kind.COORDINATE, false),
      new Column("capacity", Kind.INTEGER, true),
      new Column("opening_hours", Kind.TEXT, true),
      new Column("community_id", Kind.TEXT, true),
      new Column("site_id", Kind.TEXT, true));

  private static final Map<String, String> FIELD_COLUMNS = Map.of(
      "typeCode", "type", "name", "name_zh", "name.zh", "name_zh", "name.en", "name_en",
      "openingHours", "opening_hours", "communityId", "community_id", "siteId", "site_id");

  private final FacilityTaxonomy taxonomy;
  private final java.util.Set<String> typeCodes;
  // Registers repeat a handful of opening-hours texts thousands of times; parse each once.
  private final Map<String, OpeningHours> parsedHours = new java.util.HashMap<>();

  /** @param taxonomy the facility types rows may use */
  public FacilityCodec(FacilityTaxonomy taxonomy) {
    super(COLUMNS, FIELD_COLUMNS);
    this.taxonomy = taxonomy;
    this.typeCodes = java.util.Set.copyOf(taxonomy.typeCodes());
  }

  @Override
  public String id(Facility value) {
    return value.id();
  }

  @Override
  public Facility read(Row row) {
    String type = row.text("type");
    if (!typeCodes.contains(type)) {
      // The message (every type code) is built only for a bad row, not for each of a city's rows.
      throw new InvalidValueException("type", type,
          "must be a facility type of taxonomy " + taxonomy.id() + ": " + taxonomy.typeCodes());
    }
    String hours = row.optText("opening_hours");
    // Facility registers rarely publish hours; blank means "not published", read as always open.
    return new Facility(row.text("id"), type, row.name("name_zh", "name_en"),
        row.point("lat", "lon"), row.integer("capacity", 0),
        hours == null ? OpeningHours.ALWAYS : parsedHours.computeIfAbsent(hours, OpeningHours::parse),
        row.optText("community_id"),
        row.optText("site_id"));
  }

  @Override
  public List<String> write(Facility f) {
    return List.of(f.id(), f.typeCode(), f.name().zh(), f.name().en(),
        Row.decimal(f.location().lat()), Row.decimal(f.location().lon()),
        Integer.toString(f.capacity()), f.openingHours().toString(),
        f.communityId() == null ? "" : f.communityId(), f.siteId() == null ? "" : f.siteId());
  }
}
