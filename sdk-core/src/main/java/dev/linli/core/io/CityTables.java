package dev.linli.core.io;

import dev.linli.core.city.City;
import dev.linli.core.internal.Tables;
import dev.linli.core.place.District;
import dev.linli.core.place.Subdistrict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns community rows into a city's place hierarchy and back; shared by CSV and GeoJSON. */
final class CityTables {
  private CityTables() {}

  static Tables.Strictness strictness(ReadOptions options) {
    return new Tables.Strictness(options.ignoreUnknown(), options.skipBad());
  }

  static <T> Loaded<List<T>> loaded(Tables.Rows<T> rows) {
    return new Loaded<>(rows.rows(), rows.skipped());
  }

  static Loaded<City> toCity(Tables.Rows<CommunityCodec.Entry> rows) {
    Map<String, District> districts = new LinkedHashMap<>();
    Map<String, Subdistrict> subdistricts = new LinkedHashMap<>();
    List<dev.linli.core.place.Community> communities = new ArrayList<>();
    for (CommunityCodec.Entry e : rows.rows()) {
      districts.putIfAbsent(e.district().id(), e.district());
      subdistricts.putIfAbsent(e.subdistrict().id(), e.subdistrict());
      communities.add(e.community());
    }
    City city = City.builder().districts(districts.values()).subdistricts(subdistricts.values())
        .communities(communities).build();
    return new Loaded<>(city, rows.skipped());
  }

  static List<CommunityCodec.Entry> entries(City city) {
    Map<String, District> districts = new LinkedHashMap<>();
    city.districts().forEach(d -> districts.put(d.id(), d));
    Map<String, Subdistrict> subdistricts = new LinkedHashMap<>();
    city.subdistricts().forEach(s -> subdistricts.put(s.id(), s));
    List<CommunityCodec.Entry> out = new ArrayList<>();
    for (dev.linli.core.place.Community c : city.communities()) {
      Subdistrict s = subdistricts.get(c.subdistrictId());
      out.add(new CommunityCodec.Entry(districts.get(s.districtId()), s, c));
    }
    return out;
  }
}
