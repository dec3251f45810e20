package dev.linli.core.io;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.people.Resident;
import dev.linli.core.testing.RandomCity;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CityCsvTest {
  private static final CityCsv CSV = CityCsv.strict();
  private static final String HEADER = "id,name_zh,name_en,district_id,district_zh,district_en,"
      + "subdistrict_id,subdistrict_zh,subdistrict_en,lat,lon,location_approximate,area_ha,"
      + "pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus,tags\n";
  private static final String GOOD_ROW =
      "C1,景芳,Jingfang,D1,上城区,Shangcheng,S1,凯旋街道,Kaixuan,30.29,120.2,true,50,1,2,3,4,5,\n";

  @Property(tries = 200)
  void communities_roundTrip(@ForAll long seed) {
    City city = placesOnly(RandomCity.build(seed, 8));
    StringWriter out = new StringWriter();
    CSV.writeCommunities(city, out);
    Loaded<City> back = CSV.readCommunities(stream(out.toString()), "communities.csv");
    assertEquals(city.communities(), back.value().communities());
    assertEquals(usedDistricts(city), back.value().districts().stream().map(d -> d.id()).sorted()
        .toList());
    StringWriter again = new StringWriter();
    CSV.writeCommunities(back.value(), again);
    assertEquals(out.toString(), again.toString(), "writing is deterministic");
  }

  @Property(tries = 200)
  void facilities_roundTrip(@ForAll long seed) {
    List<Facility> facilities = RandomCity.build(seed, 8).facilities();
    StringWriter out = new StringWriter();
    CSV.writeFacilities(facilities, out);
    assertEquals(facilities, CSV.readFacilities(stream(out.toString()), "f.csv").value());
  }

  @Property(tries = 200)
  void residents_roundTrip(@ForAll long seed) {
    List<Resident> residents = RandomCity.build(seed, 8).residents();
    StringWriter out = new StringWriter();
    CSV.writeResidents(residents, out);
    assertEquals(residents, CSV.readResidents(stream(out.toString()), "r.csv").value());
  }

  @Test
  void threeBadRows_allReportedWithLineAndColumn() {
    String text = HEADER + GOOD_ROW
        + "C2,红梅,,D1,上城区,Shangcheng,S1,凯旋街道,Kaixuan,91,120.2,false,,1,2,3,4,5,\n"
        + "C3,青荷苑,,D1,上城区,Shangcheng,S1,凯旋街道,Kaixuan,30.2,120.2,false,,1,2,3,-4,5,\n"
        + "C4,小营巷,,D1,上城区,Shangcheng,S1,凯旋街道,Kaixuan,30.2,120.2,maybe,,1,2,3,4,5,\n";
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals("""
        3 problems in communities.csv:
          communities.csv:3: lat: must be a latitude in degrees between -90 and 90 (got 91.0)
          communities.csv:4: pop_60_79: must be >= 0 (got -4)
          communities.csv:5: location_approximate: must be true or false (got maybe)""",
        e.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0x1p4", "30.2d", "120.2f", "30.2D",
      "0x1E", "NaN", "Infinity", "1_000", "30,2", "3 0"})
  void coordinates_acceptPlainDecimalsOnly(String lat) {
    String text = HEADER + GOOD_ROW.replace(",30.29,", ",\"" + lat + "\",");
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals("communities.csv:2: lat: must be a decimal number such as 12.5 (got " + lat + ")",
        e.problems().get(0).toString());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"30.29", "+30.29", "30.290",
      "3.029e1", "3029E-2", " 30.29 "})
  void coordinates_plainDecimalsAndExponents_areRead(String lat) {
    String text = HEADER + GOOD_ROW.replace(",30.29,", "," + lat + ",");
    assertEquals(30.29, read(text).value().communities().get(0).centroid().lat(), 1e-9);
  }

  @Test
  void anUnterminatedQuote_isReportedAsCsv_withItsLine() {
    String text = HEADER + GOOD_ROW + GOOD_ROW.replace("C1,景芳", "C2,\"景芳");
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    Problem p = e.problems().get(0);
    assertEquals("communities.csv", p.source());
    assertEquals(true, p.message().startsWith("malformed CSV: a quoted value is not closed"),
        p.message());
    assertEquals(false, p.message().contains("JSON"), p.message());
    String quoteInside = HEADER + GOOD_ROW + GOOD_ROW.replace("C1,景芳", "C2,\"景\"芳");
    Problem q = assertThrows(DataFormatException.class, () -> read(quoteInside)).problems()
        .get(0);
    assertEquals(3, q.line());
    assertEquals(true, q.message().startsWith("malformed CSV: "), q.message());
    assertEquals(false, q.message().contains("code "), q.message());
  }

  @Test
  void skipBadRows_keepsGoodRows() {
    String text = HEADER + GOOD_ROW
        + "C2,红梅,,D1,上城区,Shangcheng,S1,凯旋街道,Kaixuan,30.2,abc,false,,1,2,3,4,5,\n";
    Loaded<City> loaded = CityCsv.of(ReadOptions.strict().skipBadRows())
        .readCommunities(stream(text), "communities.csv");
    assertEquals(1, loaded.value().communities().size());
    assertEquals(List.of(new Problem("communities.csv", 3, "lon",
        "must be a decimal number such as 12.5 (got abc)")), loaded.skipped());
  }

  @Test
  void missingAndUnknownColumns_reportedTogether() {
    String text = "id,name_zh,colour\nC1,景芳,red\n";
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals(new Problem("communities.csv", 1, "colour", "unknown column \"colour\"; columns "
        + "are [id, name_zh, name_en, district_id, district_zh, district_en, subdistrict_id, "
        + "subdistrict_zh, subdistrict_en, lat, lon, location_approximate, area_ha, pop_0_3, "
        + "pop_4_17, pop_18_59, pop_60_79, pop_80_plus, tags] (read leniently to ignore unknown "
        + "columns)"), e.problems().get(0));
    assertEquals(new Problem("communities.csv", 1, "district_id", "required column \"district_id\""
        + " is missing from the header; required columns are [id, name_zh, district_id, "
        + "district_zh, subdistrict_id, subdistrict_zh, lat, lon, pop_0_3, pop_4_17, pop_18_59, "
        + "pop_60_79, pop_80_plus]"), e.problems().get(1));
    assertEquals(12, e.problems().size());
  }

  @Test
  void wrongNumberOfValues_reported() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(HEADER + "C1,景芳\n"));
    assertEquals(List.of(new Problem("communities.csv", 2, "",
        "has 2 values but the header has 19 columns")), e.problems());
  }

  @Test
  void contradictingDistrictNames_reported() {
    String text = HEADER + GOOD_ROW
        + "C2,红梅,,D1,西湖区,Xihu,S2,x,,30.2,120.2,false,,1,2,3,4,5,\n";
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals(List.of(new Problem("communities.csv", 3, "district_zh",
        "disagrees with an earlier row for district \"D1\": 上城区 (Shangcheng) (got 西湖区 (Xihu))")),
        e.problems());
  }

  @Test
  void duplicateIds_reported() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> read(HEADER + GOOD_ROW + GOOD_ROW));
    assertEquals(List.of(new Problem("communities.csv", 3, "id",
        "id \"C1\" is used twice; ids must be unique in a file")), e.problems());
  }

  @Test
  void gbkFile_rejectedWithAdvice() {
    byte[] gbk = (HEADER + GOOD_ROW).getBytes(Charset.forName("GBK"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CSV.readCommunities(new ByteArrayInputStream(gbk), "communities.csv"));
    assertEquals(List.of(new Problem("communities.csv", 0, "",
        "is not valid UTF-8; save the file as UTF-8 (Excel: \"CSV UTF-8\"), not GBK")), e.problems());
  }

  /**
   * A byte that is not UTF-8 past the reader's first buffer (8 KB) fails inside a row, where the
   * CSV parser wraps the decoder's error: still the advice about UTF-8, not a CSV syntax message.
   */
  @Test
  void gbkRowFarIntoTheFile_rejectedWithAdvice() {
    StringBuilder text = new StringBuilder(HEADER);
    for (int i = 1; text.length() < 20_000; i++) {
      text.append(GOOD_ROW.replace("C1,", "C" + i + ","));
    }
    byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bad = GOOD_ROW.replace("C1,", "X1,").getBytes(Charset.forName("GBK"));
    byte[] all = Arrays.copyOf(good, good.length + bad.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CSV.readCommunities(new ByteArrayInputStream(all), "communities.csv"));
    assertEquals(List.of(new Problem("communities.csv", 0, "",
        "is not valid UTF-8; save the file as UTF-8 (Excel: \"CSV UTF-8\"), not GBK")), e.problems());
  }

  @Test
  void byteOrderMark_andCrLf_accepted() {
    City city = read("\uFEFF" + (HEADER + GOOD_ROW).replace("\n", "\r\n")).value();
    assertEquals("C1", city.communities().get(0).id());
    assertEquals("上城区", city.districts().get(0).name().zh());
  }

  @Test
  void quotedFieldsWithNewlines_keepLineNumbersOfLaterRows() {
    String text = HEADER + "C1,\"景\nfang\",,D1,上城区,,S1,凯旋街道,,30.2,120.2,,,1,2,3,4,5,\n"
        + "C2,红梅,,D1,上城区,,S1,凯旋街道,,30.2,120.2,,,1,2,3,4,x,\n";
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(text));
    assertEquals(List.of(new Problem("communities.csv", 4, "pop_80_plus",
        "must be a whole number (got x)")), e.problems());
  }

  @Test
  void emptyFile_rejected() {
    DataFormatException e = assertThrows(DataFormatException.class, () -> read(""));
    assertEquals(1, e.problems().size());
    assertEquals("the file is empty; the first line must be the header [id, name_zh, name_en, "
        + "district_id, district_zh, district_en, subdistrict_id, subdistrict_zh, subdistrict_en, "
        + "lat, lon, location_approximate, area_ha, pop_0_3, pop_4_17, pop_18_59, pop_60_79, "
        + "pop_80_plus, tags]", e.problems().get(0).message());
  }

  @Test
  void headerOnly_isAnEmptyCity() {
    assertEquals(0, read(HEADER).value().communities().size());
  }

  @Test
  void facilityWithUnknownType_rejected() {
    String text = "id,type,name_zh,lat,lon\nF1,casino,赌场,30.2,120.2\n";
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> CSV.readFacilities(stream(text), "facilities.csv"));
    assertEquals("type", e.problems().get(0).path());
    assertEquals(2, e.problems().get(0).line());
  }

  @Test
  void writtenCsv_quotesCommasAndQuotes() {
    StringWriter out = new StringWriter();
    CSV.writeResidents(List.of(new Resident("R1", "H1", dev.linli.core.place.AgeBand.AGE_80_PLUS,
        true, "say \"hi\", ok")), out);
    assertArrayEquals(new String[] {"id,household_id,age_band,real_name_verified,nickname",
        "R1,H1,80+,true,\"say \"\"hi\"\", ok\""}, out.toString().split("\n"));
  }

  private static Loaded<City> read(String text) {
    return CSV.readCommunities(stream(text), "communities.csv");
  }

  private static City placesOnly(City city) {
    return City.builder().districts(city.districts()).subdistricts(city.subdistricts())
        .communities(city.communities()).build();
  }

  private static List<String> usedDistricts(City city) {
    var bySub = city.subdistricts().stream().collect(java.util.stream.Collectors.toMap(
        s -> s.id(), s -> s.districtId()));
    return city.communities().stream().map(c -> bySub.get(c.subdistrictId())).distinct().sorted()
        .toList();
  }

  static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
