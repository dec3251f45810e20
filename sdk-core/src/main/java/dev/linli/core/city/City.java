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
 * normal. The lists are unmodifiable; the record is immutable and thread-safe. Build one with
 * {@link #builder()} or read one with {@code LinliJson}, {@code CityCsv} or {@code CityGeoJson}.
 *
 * @param districts districts (区)
 * @param subdistricts subdistricts (街道)
 * @param communities communities (社区)
 * @param estates estates (小区)
 * @param buildings buildings (楼栋)
 * @param households households (户)
 * @param grids grids (网格)
 * @param centres neighbourhood centres (邻里中心)
 * @param residents residents (居民)
 * @param volunteers volunteers (志愿者)
 * @param teams teams (志愿服务队)
 * @param organisations organisations (社会组织)
 * @param activities public-benefit activities (公益活动)
 * @param wishes micro-wishes (微心愿)
 * @param facilities public service facilities (公共服务设施)
 * @since 0.1.0
 */
public record City(
    List<District> districts,
    List<Subdistrict> subdistricts,
    List<Community> communities,
    List<Estate> estates,
    List<Building> buildings,
    List<Household> households,
    List<Grid> grids,
    List<NeighbourhoodCentre> centres,
    List<Resident> residents,
    List<Volunteer> volunteers,
    List<Team> teams,
    List<Organisation> organisations,
    List<Activity> activities,
    List<Wish> wishes,
    List<Facility> facilities) {

  /** A city with nothing in it. */
  public static final City EMPTY = builder().build();

  /**
   * Copies the lists and checks ids and references.
   *
   * @throws InvalidValueException naming the first bad reference (as a JSON path such as
   *     {@code communities[3].subdistrictId}) and how many problems there are in all
   */
  public City {
    districts = copy(districts, "districts");
    subdistricts = copy(subdistricts, "subdistricts");
    communities = copy(communities, "communities");
    estates = copy(estates, "estates");
    buildings = copy(buildings, "buildings");
    households = copy(households, "households");
    grids = copy(grids, "grids");
    centres = copy(centres, "centres");
    residents = copy(residents, "residents");
    volunteers = copy(volunteers, "volunteers");
    teams = copy(teams, "teams");
    organisations = copy(organisations, "organisations");
    activities = copy(activities, "activities");
    wishes = copy(wishes, "wishes");
    facilities = copy(facilities, "facilities");
    List<Problem> problems = CityReferences.check(districts, subdistricts, communities, estates,
        buildings, households, grids, centres, residents, volunteers, teams, organisations,
        activities, wishes, facilities, "city");
    if (!problems.isEmpty()) {
      Problem first = problems.get(0);
      String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problems)";
      throw new InvalidValueException(first.path(), "", first.message() + more);
    }
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
