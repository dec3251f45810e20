package dev.linli.core.city;

import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.Facility;
import dev.linli.core.Problem;
import dev.linli.core.people.Activity;
import dev.linli.core.people.Organisation;
import dev.linli.core.people.Resident;
import dev.linli.core.people.Team;
import dev.linli.core.people.Volunteer;
import dev.linli.core.people.Wish;
import dev.linli.core.place.Building;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.Estate;
import dev.linli.core.place.Grid;
import dev.linli.core.place.Household;
import dev.linli.core.place.NeighbourhoodCentre;
import dev.linli.core.place.Subdistrict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A city's neighbourhood data: places, people, groups, activities, wishes and facilities, with every
 * reference between them checked.
 *
 * <p>Construction checks that ids are unique within each kind and that every id a record refers to
 * exists (a community's subdistrict, a facility's site, a resident's household, and so on); an
 * activity's organiser is a team or an organisation, its place a facility or a neighbourhood centre.
 * A city with only some kinds filled in (for example communities and facilities for a health check) is
 * normal. The lists are unmodifiable; the city is immutable and thread-safe. The only way to make one is
 * {@link #builder()} (or {@link #toBuilder()} to derive a changed copy) or read one with {@code LinliJson}, {@code CityCsv} or {@code CityGeoJson}.
 *
 * @since 0.1.0
 */
public final class City {
  /** A city with nothing in it. */
  public static final City EMPTY = builder().build();

  private final List<District> districts;
  private final List<Subdistrict> subdistricts;
  private final List<Community> communities;
  private final List<Estate> estates;
  private final List<Building> buildings;
  private final List<Household> households;
  private final List<Grid> grids;
  private final List<NeighbourhoodCentre> centres;
  private final List<Resident> residents;
  private final List<Volunteer> volunteers;
  private final List<Team> teams;
  private final List<Organisation> organisations;
  private final List<Activity> activities;
  private final List<Wish> wishes;
  private final List<Facility> facilities;

  /** Copies the builder's lists and checks ids and references. */
  City(CityBuilder b) {
    this.districts = copy(b.districts, "districts");
    this.subdistricts = copy(b.subdistricts, "subdistricts");
    this.communities = copy(b.communities, "communities");
    this.estates = copy(b.estates, "estates");
    this.buildings = copy(b.buildings, "buildings");
    this.households = copy(b.households, "households");
    this.grids = copy(b.grids, "grids");
    this.centres = copy(b.centres, "centres");
    this.residents = copy(b.residents, "residents");
    this.volunteers = copy(b.volunteers, "volunteers");
    this.teams = copy(b.teams, "teams");
    this.organisations = copy(b.organisations, "organisations");
    this.activities = copy(b.activities, "activities");
    this.wishes = copy(b.wishes, "wishes");
    this.facilities = copy(b.facilities, "facilities");
    List<Problem> problems = CityReferences.check(b, "city");
    if (!problems.isEmpty()) {
      Problem first = problems.get(0);
      String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problems)";
      throw new InvalidValueException(first.path(), "", first.message() + more);
    }
  }

  /**
   * Returns the districts (区).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<District> districts() {
    return districts;
  }

  /**
   * Returns the subdistricts (街道).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Subdistrict> subdistricts() {
    return subdistricts;
  }

  /**
   * Returns the communities (社区).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Community> communities() {
    return communities;
  }

  /**
   * Returns the estates (小区).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Estate> estates() {
    return estates;
  }

  /**
   * Returns the buildings (楼栋).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Building> buildings() {
    return buildings;
  }

  /**
   * Returns the households (户).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Household> households() {
    return households;
  }

  /**
   * Returns the grids (网格).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Grid> grids() {
    return grids;
  }

  /**
   * Returns the neighbourhood centres (邻里中心).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<NeighbourhoodCentre> centres() {
    return centres;
  }

  /**
   * Returns the residents (居民).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Resident> residents() {
    return residents;
  }

  /**
   * Returns the volunteers (志愿者).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Volunteer> volunteers() {
    return volunteers;
  }

  /**
   * Returns the teams (志愿服务队).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Team> teams() {
    return teams;
  }

  /**
   * Returns the organisations (社会组织).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Organisation> organisations() {
    return organisations;
  }

  /**
   * Returns the public-benefit activities (公益活动).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Activity> activities() {
    return activities;
  }

  /**
   * Returns the micro-wishes (微心愿).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Wish> wishes() {
    return wishes;
  }

  /**
   * Returns the public service facilities (公共服务设施).
   *
   * @return an unmodifiable list, in the order given
   */
  public List<Facility> facilities() {
    return facilities;
  }

  /**
   * Two cities are equal when every list is equal, element by element.
   *
   * @param o the other object
   * @return whether {@code o} is a city with the same contents
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof City c && parts().equals(c.parts());
  }

  @Override
  public int hashCode() {
    return parts().hashCode();
  }

  /** Returns how many of each kind the city holds, for logs. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("City[");
    String[] names = {"districts", "subdistricts", "communities", "estates", "buildings", "households", "grids", "centres", "residents", "volunteers", "teams", "organisations", "activities", "wishes", "facilities"};
    List<List<?>> parts = parts();
    for (int i = 0; i < names.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(parts.get(i).size());
    }
    return sb.append(']').toString();
  }

  private List<List<?>> parts() {
    return List.of(districts, subdistricts, communities, estates, buildings, households, grids, centres, residents, volunteers, teams, organisations, activities, wishes, facilities);
  }

  private static <T> List<T> copy(List<T> list, String field) {
    return List.copyOf(InvalidValueException.requirePresent(list, field));
  }

  /**
   * Returns a builder for a city; every list starts empty.
   *
   * @return a new builder
   */
  public static CityBuilder builder() {
    return new CityBuilder();
  }

  /**
   * Returns a builder holding this city's data, to derive a changed copy.
   *
   * @return a new builder
   */
  public CityBuilder toBuilder() {
    return new CityBuilder(this);
  }

  /**
   * Returns the community with {@code id}.
   *
   * @param id the community id
   * @return the community, or empty
   */
  public Optional<Community> community(String id) {
    return communities.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * Returns the district each community belongs to, through its subdistrict.
   *
   * @return a map from community id to district id, for every community
   */
  public Map<String, String> districtOfCommunity() {
    Map<String, String> districtOfSubdistrict = subdistricts.stream()
        .collect(Collectors.toMap(Subdistrict::id, Subdistrict::districtId));
    return communities.stream().collect(Collectors.toMap(Community::id,
        c -> districtOfSubdistrict.get(c.subdistrictId())));
  }

  /**
   * Returns the facilities housed in neighbourhood centre {@code centreId}.
   *
   * @param centreId the centre's id
   * @return the facilities whose {@code siteId} is the centre, in city order
   */
  public List<Facility> facilitiesAt(String centreId) {
    return facilities.stream().filter(f -> centreId.equals(f.siteId())).toList();
  }

  /**
   * Returns the facilities indexed by id.
   *
   * @return an unmodifiable map from facility id to facility
   */
  public Map<String, Facility> facilitiesById() {
    return facilities.stream().collect(
        Collectors.toUnmodifiableMap(Facility::id, Function.identity()));
  }
}
