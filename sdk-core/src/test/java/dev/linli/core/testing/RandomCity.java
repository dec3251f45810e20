package dev.linli.core.testing;

import dev.linli.core.Name;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.people.Activity;
import dev.linli.core.people.Organisation;
import dev.linli.core.people.OrganisationKind;
import dev.linli.core.people.Resident;
import dev.linli.core.people.Team;
import dev.linli.core.people.Volunteer;
import dev.linli.core.people.Wish;
import dev.linli.core.place.AgeBand;
import dev.linli.core.place.Building;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.Estate;
import dev.linli.core.place.Grid;
import dev.linli.core.place.Household;
import dev.linli.core.place.NeighbourhoodCentre;
import dev.linli.core.place.Population;
import dev.linli.core.place.Subdistrict;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a random but consistent {@link City} with every kind of record, for round-trip and
 * invariant tests. Names include the characters that break naive CSV and JSON writers (commas,
 * quotes, semicolons, CJK). Same seed, same city.
 */
public final class RandomCity {
  private static final String[] TRICKY = {"", "a,b", "say \"hi\"", "x;y", " 景芳 ", "O'Neil", "\\path",
      "#1 ", "=SUM(A1)", "tab\tin"};
  private static final String[] OPENING = {"24/7", "Mo-Fr 08:00-20:00; Sa,Su off",
      "Mo-Su 06:30-09:00,11:00-13:30,17:00-19:00", "Mo 09:00-24:00; Tu-Su off",
      "Mo,We,Fr 00:00-12:00; Tu,Th,Sa,Su 13:00-14:00"};

  private final SplittableRandom random;

  private RandomCity(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Returns a random city.
   *
   * @param seed the seed
   * @param scale roughly how many records of each kind, at least 1
   * @return the city
   */
  public static City build(long seed, int scale) {
    return new RandomCity(seed).city(Math.max(1, scale));
  }

  private City city(int scale) {
    List<District> districts = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(3); i++) {
      districts.add(new District("D" + i, name()));
    }
    List<Subdistrict> subdistricts = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(scale + 1); i++) {
      subdistricts.add(new Subdistrict("S" + i, pick(districts).id(), name()));
    }
    List<Community> communities = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(scale + 2); i++) {
      communities.add(community("C" + i, pick(subdistricts).id()));
    }
    List<Estate> estates = new ArrayList<>();
    for (int i = 0; i < random.nextInt(scale + 1); i++) {
      estates.add(new Estate("E" + i, pick(communities).id(), name(),
          random.nextBoolean() ? point() : null, random.nextInt(5000)));
    }
    List<Building> buildings = new ArrayList<>();
    for (int i = 0; i < (estates.isEmpty() ? 0 : random.nextInt(scale + 1)); i++) {
      buildings.add(new Building("B" + i, pick(estates).id(), name(),
          random.nextBoolean() ? point() : null, random.nextInt(400)));
    }
    List<Grid> grids = new ArrayList<>();
    for (int i = 0; i < random.nextInt(scale + 1); i++) {
      grids.add(new Grid("G" + i, pick(communities).id(), name(), null));
    }
    List<Household> households = new ArrayList<>();
    for (int i = 0; i < (buildings.isEmpty() ? 0 : random.nextInt(scale + 1)); i++) {
      households.add(new Household("H" + i, pick(buildings).id(),
          grids.isEmpty() || random.nextBoolean() ? null : pick(grids).id(),
          random.nextBoolean() ? "" : "2-30" + i, 1 + random.nextInt(6)));
    }
    List<Resident> residents = new ArrayList<>();
    for (int i = 0; i < (households.isEmpty() ? 0 : random.nextInt(scale + 1)); i++) {
      residents.add(new Resident("R" + i, pick(households).id(), pick(List.of(AgeBand.values())),
          random.nextBoolean(), random.nextBoolean() ? "" : tricky()));
    }
    List<NeighbourhoodCentre> centres = new ArrayList<>();
    for (int i = 0; i < random.nextInt(3); i++) {
      centres.add(new NeighbourhoodCentre("NC" + i, pick(communities).id(), name(), point(),
          random.nextInt(3000)));
    }
    List<Organisation> organisations = new ArrayList<>();
    for (int i = 0; i < random.nextInt(scale + 1); i++) {
      Set<String> served = new HashSet<>();
      for (int j = 0; j < random.nextInt(3); j++) {
        served.add(pick(communities).id());
      }
      organisations.add(new Organisation("O" + i, name(), pick(List.of(OrganisationKind.values())),
          i > 0 && random.nextBoolean() ? "O0" : null, served));
    }
    List<Team> teams = new ArrayList<>();
    for (int i = 0; i < random.nextInt(scale + 1); i++) {
      teams.add(new Team("T" + i, pick(communities).id(), name(),
          organisations.isEmpty() || random.nextBoolean() ? null : pick(organisations).id(), null));
    }
    List<Volunteer> volunteers = new ArrayList<>();
    for (int i = 0; i < random.nextInt(scale + 1); i++) {
      String residentId = residents.isEmpty() ? null : pick(residents).id();
      String organisationId = residentId == null || random.nextBoolean()
          ? (organisations.isEmpty() ? null : pick(organisations).id()) : null;
      if (residentId == null && organisationId == null) {
        continue;
      }
      Set<String> memberOf = new HashSet<>();
      if (!teams.isEmpty() && random.nextBoolean()) {
        memberOf.add(pick(teams).id());
      }
      volunteers.add(new Volunteer("V" + i, residentId, organisationId, tricky(), memberOf,
          LocalDate.of(2016, 2, 29).plusDays(random.nextInt(4000))));
    }
    List<Facility> facilities = new ArrayList<>();
    FacilityTaxonomy taxonomy = FacilityTaxonomy.hangzhou();
    for (int i = 0; i < random.nextInt(scale * 3 + 1); i++) {
      facilities.add(new Facility("F" + i, pick(taxonomy.types()).code(), name(), point(),
          random.nextInt(500), OpeningHours.parse(pick(List.of(OPENING))),
          random.nextBoolean() ? pick(communities).id() : null,
          centres.isEmpty() || random.nextBoolean() ? null : pick(centres).id()));
    }
    List<Activity> activities = new ArrayList<>();
    List<String> organisers = new ArrayList<>();
    teams.forEach(t -> organisers.add(t.id()));
    organisations.forEach(o -> organisers.add(o.id()));
    for (int i = 0; i < (organisers.isEmpty() ? 0 : random.nextInt(scale + 1)); i++) {
      Instant start = instant();
      activities.add(new Activity("A" + i, pick(communities).id(), pick(organisers), name(),
          "elderly-care", facilities.isEmpty() || random.nextBoolean() ? null : pick(facilities).id(),
          start, start.plusSeconds(60L * (1 + random.nextInt(600))), 1 + random.nextInt(50)));
    }
    List<Wish> wishes = new ArrayList<>();
    for (int i = 0; i < (residents.isEmpty() ? 0 : random.nextInt(scale + 1)); i++) {
      Resident r = pick(residents);
      boolean funded = random.nextBoolean();
      Wish wish = Wish.post("W" + i, pick(communities).id(), r.id(), r.id(), "fix " + tricky() + "x",
          "repair", funded ? 1 + random.nextInt(100) : 0, funded ? "pool-1" : null, instant());
      int steps = random.nextInt(4);
      if (steps >= 1) {
        wish = wish.claim("V9", wish.postedAt().plusSeconds(3600));
      }
      if (steps >= 2) {
        wish = wish.fulfil(wish.claimedAt().plusSeconds(7200));
      }
      if (steps == 3) {
        wish = Wish.post("W" + i, wish.communityId(), r.id(), r.id(), "expired wish", "repair", 0,
            null, wish.postedAt()).expire(wish.postedAt().plusSeconds(86_400));
      }
      wishes.add(wish);
    }
    return City.builder().districts(districts).subdistricts(subdistricts).communities(communities)
        .estates(estates).buildings(buildings).households(households).grids(grids)
        .centres(centres).residents(residents).volunteers(volunteers).teams(teams)
        .organisations(organisations).activities(activities).wishes(wishes)
        .facilities(facilities).build();
  }

  private Community community(String id, String subdistrictId) {
    Set<String> tags = new HashSet<>();
    if (random.nextBoolean()) {
      tags.add(Community.FUTURE_COMMUNITY);
    }
    if (random.nextBoolean()) {
      tags.add("alliance:happy-hangzhou");
    }
    double area = random.nextBoolean() ? 0 : random.nextDouble() * 500;
    return new Community(id, subdistrictId, name(), point(), random.nextBoolean(), area,
        new Population(random.nextInt(1000), random.nextInt(3000), random.nextInt(9000),
            random.nextInt(3000), random.nextInt(800)), tags);
  }

  private Name name() {
    String zh = random.nextInt(4) == 0 ? "" : "社区" + (char) ('一' + random.nextInt(2000));
    String en = tricky();
    return zh.isEmpty() && en.isBlank() ? Name.of("名", "") : Name.of(zh, en);
  }

  private String tricky() {
    return pick(List.of(TRICKY)).strip();
  }

  private GeoPoint point() {
    // Mostly around Hangzhou, sometimes anywhere on Earth including the extremes.
    if (random.nextInt(5) == 0) {
      return GeoPoint.of(random.nextDouble() * 180 - 90, random.nextDouble() * 360 - 180);
    }
    return GeoPoint.of(30.0 + random.nextDouble() * 0.6, 119.9 + random.nextDouble() * 0.6);
  }

  private Instant instant() {
    return Instant.parse("2024-02-29T16:00:00Z").plusSeconds(random.nextInt(200_000_000));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
