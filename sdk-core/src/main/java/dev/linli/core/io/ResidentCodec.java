package dev.linli.core.io;

import dev.linli.core.InvalidValueException;
import dev.linli.core.people.Resident;
import dev.linli.core.place.AgeBand;
import dev.linli.core.internal.Row;
import dev.linli.core.internal.RowCodec;
import java.util.List;
import java.util.Map;

/** Residents as flat rows; the age band is written {@code 0-3}, {@code 4-17}, ..., {@code 80+}. */
final class ResidentCodec extends RowCodec<Resident> {
  private static final List<Column> COLUMNS = List.of(
      new Column("id", Kind.TEXT, false),
      new Column("household_id", Kind.TEXT, false),
      new Column("age_band", Kind.TEXT, false),
      new Column("real_name_verified", Kind.BOOLEAN, true),
      new Column("nickname", Kind.TEXT, true));

  private static final Map<String, String> FIELD_COLUMNS = Map.of(
      "householdId", "household_id", "ageBand", "age_band", "realNameVerified",
      "real_name_verified");

  /** Creates a codec. */
  public ResidentCodec() {
    super(COLUMNS, FIELD_COLUMNS);
  }

  @Override
  public String id(Resident value) {
    return value.id();
  }

  @Override
  public Resident read(Row row) {
    return new Resident(row.text("id"), row.text("household_id"), band(row.text("age_band")),
        row.bool("real_name_verified"), row.optText("nickname"));
  }

  @Override
  public List<String> write(Resident r) {
    return List.of(r.id(), r.householdId(), label(r.ageBand()),
        r.realNameVerified() ? "true" : "false", r.nickname());
  }

  /** @param band an age band @return its label such as {@code 60-79} or {@code 80+} */
  public static String label(AgeBand band) {
    return band.maxAge() == Integer.MAX_VALUE ? band.minAge() + "+"
        : band.minAge() + "-" + band.maxAge();
  }

  private static AgeBand band(String text) {
    for (AgeBand band : AgeBand.values()) {
      if (label(band).equals(text)) {
        return band;
      }
    }
    throw new InvalidValueException("age_band", text, "must be one of 0-3, 4-17, 18-59, 60-79, 80+");
  }
}
